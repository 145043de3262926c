import type { Category } from '@consentry/shared'
import type { ServiceConfig } from '@consentry/shared/schemas'
import type { Catalogue, CatalogueItem, CatalogueService, Lifetime } from './catalogue-schema'
import { domainWithin, nameMatches, requestMatches, type StorageKind } from './match'
import type { OcdEntry } from './open-cookie-database'

/** Where a classification came from, most trusted first. */
export const CLASSIFICATION_SOURCES = ['declaration', 'catalogue', 'open_cookie_database'] as const
export type ClassificationSource = (typeof CLASSIFICATION_SOURCES)[number]

/** What one source says about an item. */
export interface Match {
  source: ClassificationSource
  category: Category
  serviceId: string | null
  serviceName: string
  provider: string
  /** Typical lifetime from the source (null when it does not say). */
  lifetime: Lifetime | null
  description: string | null
  privacyPolicyUrl: string | null
  /** The source's pattern (`_ga_` for a prefix), for a declaration entry. */
  pattern: { name: string; match: 'exact' | 'prefix' } | null
}

/** The owner's declaration (if it lists the item) and the best-known match from our data (if any). */
export interface Classification {
  declared: Match | null
  known: Match | null
  /** The declaration's category, else the known one; null means unclassified (never guessed). */
  category: Category | null
}

export interface StorageKey {
  kind: StorageKind
  name: string
  /** Cookie domain, for catalogue entries limited to one. */
  domain?: string | undefined
}

export interface ClassifierSources {
  catalogue: Catalogue
  ocd?: readonly OcdEntry[] | undefined
  /** The site's declared services (from its configuration), when known. */
  declared?: readonly ServiceConfig[] | undefined
  /** The site's Consentry consent cookie name when it is not the default. */
  consentCookieName?: string | undefined
}

export interface Classifier {
  storage(key: StorageKey): Classification
  request(url: string): Classification
  /** What our data (catalogue, then Open Cookie Database) says about a name, ignoring the declaration. */
  known(key: StorageKey): Match | null
}

const fromCatalogue = (s: CatalogueService, item: CatalogueItem | null): Match => ({
  source: 'catalogue',
  category: s.category,
  serviceId: s.id,
  serviceName: s.name,
  provider: s.provider,
  lifetime: item?.lifetime ?? null,
  description: item?.description ?? null,
  privacyPolicyUrl: s.privacyPolicyUrl,
  pattern: item ? { name: item.name, match: item.match } : null,
})

const fromOcd = (e: OcdEntry): Match => ({
  source: 'open_cookie_database',
  category: e.category,
  serviceId: null,
  serviceName: e.platform,
  provider: e.controller || e.platform,
  lifetime: e.lifetime,
  description: e.description || null,
  privacyPolicyUrl: e.privacyPolicyUrl,
  pattern: { name: e.name, match: e.match },
})

/** Storage kinds compare loosely for IndexedDB, which no source declares separately. */
const kindFits = (want: StorageKind, have: string) => want === have

/**
 * Classifies cookies, storage keys and requests from the owner's declaration, our catalogue and the Open Cookie
 * Database, in that order of trust. An item none of them knows stays unclassified.
 * @example createClassifier({ catalogue }).storage({ kind: 'cookie', name: '_ga' }).category // 'analytics'
 */
export function createClassifier(sources: ClassifierSources): Classifier {
  const catalogue = sources.catalogue.services
  const ocdExact = new Map<string, OcdEntry>()
  // Longest prefix first, so `_hjSession_` wins over `_hj`.
  const ocdPrefix: OcdEntry[] = []
  for (const e of sources.ocd ?? []) {
    if (e.match === 'prefix') ocdPrefix.push(e)
    else if (!ocdExact.has(e.name)) ocdExact.set(e.name, e)
  }
  ocdPrefix.sort((a, b) => b.name.length - a.name.length)

  const consentService = catalogue.find((s) => s.id === 'consentry')

  function catalogueMatch(key: StorageKey): Match | null {
    if (consentService && key.kind === 'cookie' && sources.consentCookieName && key.name === sources.consentCookieName) {
      return fromCatalogue(consentService, consentService.storage[0] ?? null)
    }
    let best: { service: CatalogueService; item: CatalogueItem } | null = null
    for (const service of catalogue) {
      for (const item of service.storage) {
        if (!kindFits(key.kind, item.kind) || !nameMatches(item, key.name)) continue
        if (item.domain && !domainWithin(key.domain, item.domain)) continue
        // Exact beats prefix; a longer prefix beats a shorter one.
        const score = (i: CatalogueItem) => (i.match === 'exact' ? 1000 : i.name.length)
        if (!best || score(item) > score(best.item)) best = { service, item }
      }
    }
    return best ? fromCatalogue(best.service, best.item) : null
  }

  function ocdMatch(key: StorageKey): Match | null {
    if (key.kind === 'indexed_db') return null
    const exact = ocdExact.get(key.name)
    if (exact) return fromOcd(exact)
    const prefix = ocdPrefix.find((e) => key.name.startsWith(e.name))
    return prefix ? fromOcd(prefix) : null
  }

  function declaredMatch(key: StorageKey): Match | null {
    for (const service of sources.declared ?? []) {
      for (const item of service.storage) {
        if (!kindFits(key.kind, item.kind) || !nameMatches(item, key.name)) continue
        if (item.domain && key.domain && !domainWithin(key.domain, item.domain)) continue
        return {
          source: 'declaration',
          category: service.category,
          serviceId: service.id,
          serviceName: service.name,
          provider: service.provider,
          lifetime: item.lifetime,
          description: item.description,
          privacyPolicyUrl: service.privacyPolicyUrl,
          pattern: { name: item.name, match: item.match },
        }
      }
    }
    return null
  }

  const known = (key: StorageKey) => catalogueMatch(key) ?? ocdMatch(key)

  return {
    known,
    storage(key) {
      const declared = declaredMatch(key)
      const k = known(key)
      return { declared, known: k, category: declared?.category ?? k?.category ?? null }
    },
    request(url) {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        return { declared: null, known: null, category: null }
      }
      // Longest domain pattern first: `www.google.com/recaptcha/` before a bare `google.com`.
      let best: { service: CatalogueService; length: number } | null = null
      for (const service of catalogue) {
        for (const d of service.domains) if (requestMatches(parsed, d) && (!best || d.length > best.length)) best = { service, length: d.length }
      }
      const k = best ? fromCatalogue(best.service, null) : null
      return { declared: null, known: k, category: k?.category ?? null }
    },
  }
}
