import type { ServiceConfig } from '@consentry/shared/schemas'
import type { Classifier } from '../classify/classify'
import { stableName } from './changes'
import { nameMatches } from '../classify/match'
import type { Finding, ObservedCookie, ObservedStorage, Pass, Setter, ThirdPartyRequest } from './result-schema'

export interface FindingInput {
  cookies: readonly ObservedCookie[]
  storage: readonly ObservedStorage[]
  requests: readonly ThirdPartyRequest[]
  /** The site's declared services; null when no configuration is known (nothing is then "undeclared"). */
  declared: readonly ServiceConfig[] | null
  classifier: Classifier
}

const TRACKING = new Set(['analytics', 'advertising'])
/** Items that belong to the consent platform itself: never a finding. */
const isPlatform = (c: { classification: { known: { serviceId: string | null } | null } }) => c.classification.known?.serviceId === 'consentry'

const WHEN: Record<Exclude<Pass, 'accept'>, { kind: 'before_consent' | 'after_reject'; phrase: string }> = {
  before: { kind: 'before_consent', phrase: 'before any consent choice' },
  reject: { kind: 'after_reject', phrase: 'after Reject all' },
}

const label = (category: string | null) => (category ? `${category}` : 'unclassified')

function responsibleOf(setters: readonly Pick<Setter, 'pass' | 'url' | 'initiator'>[], pass: Pass, via: (s: Pick<Setter, 'pass'>) => string) {
  const s = setters.find((x) => x.pass === pass)
  return s ? { url: s.url, initiator: s.initiator, via: via(s) } : null
}

/**
 * The compliance report: what was set or sent before a choice or after Reject all (anything not essential,
 * unclassified items included), undeclared cookies and storage, declared items never seen, and declared-essential
 * items our data knows as tracking.
 */
export function findFindings(input: FindingInput): Finding[] {
  const out: Finding[] = []
  for (const pass of ['before', 'reject'] as const) {
    const { kind, phrase } = WHEN[pass]
    for (const c of input.cookies) {
      if (!c.passes.includes(pass) || c.classification.category === 'essential' || isPlatform(c)) continue
      const setter = c.setBy.find((s) => s.pass === pass)
      out.push({
        kind,
        key: `${kind}:cookie:${stableName(c)}@${c.domain}`,
        subject: { type: 'cookie', name: c.name, domain: c.domain },
        category: c.classification.category,
        page: setter?.page ?? c.firstSeenOn,
        responsible: setter ? { url: setter.url, initiator: setter.initiator, via: setter.via } : null,
        message: `${label(c.classification.category)} cookie ${c.name} (${c.domain}) was set ${phrase}${setter?.url ? ` by ${setter.url}` : ''}`,
      })
    }
    for (const s of input.storage) {
      if (!s.passes.includes(pass) || s.classification.category === 'essential' || isPlatform(s)) continue
      const responsible = responsibleOf(s.setBy, pass, () => s.kind)
      out.push({
        kind,
        key: `${kind}:${s.kind}:${stableName(s)}@${s.origin}`,
        subject: { type: s.kind, name: s.name, domain: s.origin },
        category: s.classification.category,
        page: s.setBy.find((x) => x.pass === pass)?.page ?? s.firstSeenOn,
        responsible,
        message: `${label(s.classification.category)} ${s.kind.replace('_', ' ')} key ${s.name} was written ${phrase}${responsible?.url ? ` by ${responsible.url}` : ''}`,
      })
    }
    for (const r of input.requests) {
      if (!r.passes.includes(pass) || r.classification.category === 'essential' || isPlatform(r)) continue
      const sample = r.samples.find((x) => x.pass === pass)!
      out.push({
        kind,
        key: `${kind}:request:${r.host}`,
        subject: { type: 'request', name: r.host, domain: r.host },
        category: r.classification.category,
        page: sample.page,
        responsible: { url: sample.url, initiator: sample.initiator, via: sample.resourceType },
        message: `${label(r.classification.category)} request to ${r.host} was sent ${phrase}: ${sample.url}${sample.initiator ? ` (started by ${sample.initiator})` : ''}`,
      })
    }
  }
  if (input.declared) out.push(...declarationFindings(input))
  return out
}

function declarationFindings(input: FindingInput): Finding[] {
  const declared = input.declared ?? []
  const out: Finding[] = []
  for (const c of input.cookies) {
    if (c.classification.declared || isPlatform(c)) continue
    out.push({
      kind: 'undeclared',
      key: `undeclared:cookie:${stableName(c)}@${c.domain}`,
      subject: { type: 'cookie', name: c.name, domain: c.domain },
      category: c.classification.category,
      page: c.firstSeenOn,
      responsible: c.setBy[0] ? { url: c.setBy[0].url, initiator: c.setBy[0].initiator, via: c.setBy[0].via } : null,
      message: `cookie ${c.name} (${c.domain}) is not in the site's declaration${c.classification.known ? ` (known as ${c.classification.known.serviceName}, ${c.classification.known.category})` : ' and no source knows it'}`,
    })
  }
  for (const s of input.storage) {
    if (s.classification.declared || isPlatform(s) || s.kind === 'indexed_db') continue
    out.push({
      kind: 'undeclared',
      key: `undeclared:${s.kind}:${stableName(s)}`,
      subject: { type: s.kind, name: s.name, domain: s.origin },
      category: s.classification.category,
      page: s.firstSeenOn,
      responsible: s.setBy[0] ? { url: s.setBy[0].url, initiator: s.setBy[0].initiator, via: s.kind } : null,
      message: `${s.kind.replace('_', ' ')} key ${s.name} is not in the site's declaration${s.classification.known ? ` (known as ${s.classification.known.serviceName}, ${s.classification.known.category})` : ' and no source knows it'}`,
    })
  }
  for (const service of declared) {
    for (const item of service.storage) {
      const seen =
        item.kind === 'cookie'
          ? input.cookies.some((c) => nameMatches(item, c.name))
          : input.storage.some((s) => s.kind === item.kind && nameMatches(item, s.name))
      if (!seen) {
        out.push({
          kind: 'declared_not_seen',
          key: `declared_not_seen:${item.kind}:${item.name}`,
          subject: { type: item.kind, name: item.name, domain: item.domain ?? null },
          category: service.category,
          page: null,
          responsible: null,
          message: `${service.name} declares ${item.kind.replace('_', ' ')} ${item.name}${item.match === 'prefix' ? '*' : ''}, never seen in any pass`,
        })
      }
      if (service.category !== 'essential') continue
      const known = input.classifier.known({ kind: item.kind, name: item.name, domain: item.domain })
      if (known && TRACKING.has(known.category)) {
        out.push({
          kind: 'essential_but_tracking',
          key: `essential_but_tracking:${item.kind}:${item.name}`,
          subject: { type: item.kind, name: item.name, domain: item.domain ?? null },
          category: known.category,
          page: null,
          responsible: null,
          message: `${item.name} is declared essential (service ${service.id}) but ${known.source === 'catalogue' ? 'our catalogue' : 'the Open Cookie Database'} knows it as ${known.category} (${known.serviceName})`,
        })
      }
    }
  }
  return out
}
