import type { Category } from '@consentry/shared'
import * as z from 'zod'
import { formatIssues, serviceSchema, siteConfigSchema, type ServiceConfig, type StorageItem } from '@consentry/shared/schemas'
import type { Catalogue } from '../classify/catalogue-schema'
import type { Match } from '../classify/classify'
import { nameMatches } from '../classify/match'
import type { ObservedCookie, ObservedStorage, ProposedDeclaration } from './result-schema'

/** A declaration as written (a site configuration, or just its services): kept as given, extended only. */
export type Declaration = Record<string, unknown> & { services?: unknown[]; categories?: unknown[] }

const servicesOnly = z.object({ services: z.array(serviceSchema) })

/**
 * Reads a declaration as given to the scanner: a whole site configuration (with its defaults applied) or just
 * `{ services: [...] }`. Throws an error naming each invalid field.
 */
export function parseDeclaration(input: unknown): Declaration {
  const full = typeof input === 'object' && input !== null && 'siteId' in input
  const parsed = full ? siteConfigSchema.safeParse(input) : servicesOnly.safeParse(input)
  if (!parsed.success)
    throw new Error(
      `not a site configuration or { services }: ${formatIssues(parsed.error)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
    )
  return parsed.data as Declaration
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'service'

type Item = {
  kind: 'cookie' | 'local_storage' | 'session_storage'
  name: string
  domain: string | null
  party: 'first' | 'third'
  firstSeenOn: string
  expires: number | null
  match: Match | null
}

function observedItems(cookies: readonly ObservedCookie[], storage: readonly ObservedStorage[], now: number): Item[] {
  const items: Item[] = []
  for (const c of cookies) {
    if (c.classification.declared) continue
    items.push({
      kind: 'cookie',
      name: c.name,
      domain: c.domain,
      party: c.party,
      firstSeenOn: c.firstSeenOn,
      expires: c.expires === null ? null : c.expires - now,
      match: c.classification.known,
    })
  }
  for (const s of storage) {
    if (s.classification.declared || s.kind === 'indexed_db') continue
    items.push({ kind: s.kind, name: s.name, domain: null, party: s.party, firstSeenOn: s.firstSeenOn, expires: null, match: s.classification.known })
  }
  return items
}

/** A lifetime for the declaration: the source's typical one, else what the browser was told, else session. */
function lifetimeOf(item: Item): StorageItem['lifetime'] {
  if (item.match?.lifetime) return item.match.lifetime
  if (item.expires !== null && item.expires > 0) return Math.min(Math.round(item.expires / 1000), 20 * 365 * 86_400)
  return 'session'
}

/**
 * Merges what was seen into the site's declaration: each undeclared item that the catalogue or the Open Cookie
 * Database knows joins its service (created from that source when the site has none by that id), and its
 * category is enabled. The owner's services, items and wording are never changed or dropped. Items no source
 * knows are listed as unclassified for the owner to describe.
 */
export function proposeDeclaration(input: {
  declaration: Declaration | null
  cookies: readonly ObservedCookie[]
  storage: readonly ObservedStorage[]
  catalogue: Catalogue
  now: number
}): ProposedDeclaration {
  const base: Declaration = structuredClone(input.declaration ?? { services: [] })
  const services = (Array.isArray(base.services) ? base.services : []) as ServiceConfig[]
  base.services = services
  const added: ProposedDeclaration['added'] = []
  const unclassified: ProposedDeclaration['unclassified'] = []
  const categories = new Set<Category>()

  for (const item of observedItems(input.cookies, input.storage, input.now)) {
    const m = item.match
    if (!m || m.serviceId === 'consentry') {
      if (!m) unclassified.push({ kind: item.kind, name: item.name, domain: item.domain, firstSeenOn: item.firstSeenOn })
      continue
    }
    const source = m.source === 'open_cookie_database' ? 'open_cookie_database' : 'catalogue'
    const serviceId = m.serviceId ?? slug(m.serviceName)
    let service = services.find((s) => s.id === serviceId)
    if (!service) {
      const fromCatalogue = input.catalogue.services.find((s) => s.id === m.serviceId)
      if (!fromCatalogue && !m.privacyPolicyUrl) {
        // A service needs a privacy policy link the source does not give: the owner has to supply it.
        unclassified.push({ kind: item.kind, name: item.name, domain: item.domain, firstSeenOn: item.firstSeenOn })
        continue
      }
      service = {
        id: serviceId,
        name: m.serviceName,
        provider: m.provider,
        category: m.category,
        purpose:
          fromCatalogue?.purpose ?? `${m.serviceName}${m.description ? `: ${m.description}` : ''} (from the Open Cookie Database; review before publishing)`,
        privacyPolicyUrl: fromCatalogue?.privacyPolicyUrl ?? m.privacyPolicyUrl!,
        storage: [],
        ...(m.category === 'essential'
          ? { justification: fromCatalogue?.justification ?? 'The Open Cookie Database lists it as a security cookie; confirm it is strictly necessary.' }
          : {}),
      }
      services.push(service)
    }
    const pattern = m.pattern ?? { name: item.name, match: 'exact' as const }
    service.storage ??= []
    if (service.storage.some((s) => (s.kind ?? 'cookie') === item.kind && nameMatches({ name: s.name, match: s.match ?? 'exact' }, item.name))) continue
    const entry: StorageItem = {
      name: pattern.name,
      match: pattern.match,
      kind: item.kind,
      lifetime: lifetimeOf(item),
      description: m.description ?? m.serviceName,
      party: item.party,
      httpOnly: false,
      ...(item.party === 'third' && item.domain ? { domain: item.domain } : {}),
    }
    service.storage.push(entry)
    categories.add(service.category)
    added.push({ serviceId: service.id, item: pattern.name, kind: item.kind, source })
  }

  if (Array.isArray(base.categories)) {
    for (const c of categories) if (c !== 'essential' && !base.categories.includes(c)) base.categories.push(c)
  }
  return { config: base, added, unclassified }
}
