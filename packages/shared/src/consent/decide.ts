import { allCategories, OPTIONAL_CATEGORIES, isOptionalCategory, type CategoryChoices } from './categories'
import type { ConsentMethod } from './methods'
import type { ConsentState } from './consent-state'
import type { Regime } from './jurisdiction'
import { purposesFingerprint, type OfferedPurposes } from './purposes'
import { own, recordOf } from './own'
import { NO_OPT_OUTS, withDnsChoice, type UsOptOuts } from './us-opt-outs'

/** What the visitor picked in the preferences center (only read for `custom` and `api`). */
export interface Picks {
  categories?: Partial<CategoryChoices>
  services?: Readonly<Record<string, boolean>>
  doNotSell?: boolean
  /** Single US opt-outs (e.g. "Limit the Use of My Sensitive Personal Information"); `sale` follows `doNotSell`. */
  optOuts?: Partial<UsOptOuts>
}

export interface DecisionInput {
  method: ConsentMethod
  picks?: Picks
  previous: ConsentState | null
  visitorId: string
  offered: OfferedPurposes
  policyRevision: number
  regime: Regime
  jurisdiction: string
  /** A GPC signal is present on this page load. */
  gpc: boolean
  now: number
}

/** Category choices before any decision: granted under opt-out and notice regimes, refused under opt-in. */
export function regimeDefaults(regime: Regime): CategoryChoices {
  return allCategories(regime !== 'opt_in')
}

/**
 * Builds the new consent state for a decision. Pure: same input, same state.
 * Invariant kept here: an optional category counts as granted only when every service in it is granted,
 * so a script gated on the whole category never runs for a service the visitor turned off.
 * @example decide({ method: 'reject_all', ... }).categories // { functional: false, analytics: false, advertising: false }
 */
export function decide(input: DecisionInput): ConsentState {
  const { method, picks = {}, previous, offered } = input
  const before = previous?.categories ?? regimeDefaults(input.regime)
  const wanted = wantedCategories(method, picks, before)
  const services = resolveServices(method, picks, wanted, previous, offered)
  const categories = { ...wanted }
  for (const service of offered.services) {
    if (isOptionalCategory(service.category) && own(services, service.id) === false) categories[service.category] = false
  }
  // A GPC signal keeps the sale/share opt-out on; otherwise the latest explicit choice wins.
  const gpc = input.gpc || (previous?.gpc ?? false)
  const doNotSell = input.gpc || resolveDoNotSell(method, picks, previous)
  const optOuts = resolveOptOuts(previous, doNotSell, picks, input.jurisdiction)
  return {
    visitorId: input.visitorId,
    categories,
    services,
    doNotSell,
    optOuts,
    gpc,
    method,
    decidedAt: input.now,
    policyRevision: input.policyRevision,
    purposes: purposesFingerprint(offered),
    jurisdiction: input.jurisdiction,
  }
}

function wantedCategories(method: ConsentMethod, picks: Picks, before: CategoryChoices): CategoryChoices {
  switch (method) {
    case 'accept_all':
      return allCategories(true)
    case 'reject_all':
    case 'withdraw':
      return allCategories(false)
    case 'custom':
    case 'api': {
      const out = { ...before }
      for (const id of OPTIONAL_CATEGORIES) out[id] = picks.categories?.[id] ?? (method === 'custom' ? false : before[id])
      return out
    }
    case 'gpc':
    case 'dns_link':
      return { ...before }
  }
}

function resolveServices(
  method: ConsentMethod,
  picks: Picks,
  wanted: CategoryChoices,
  previous: ConsentState | null,
  offered: OfferedPurposes,
): Record<string, boolean> {
  const out: [string, boolean][] = []
  for (const service of offered.services) {
    if (!isOptionalCategory(service.category)) continue // essential services are never a choice
    const categoryOn = wanted[service.category]
    const explicit = method === 'custom' || method === 'api' ? own(picks.services, service.id) : undefined
    const kept = method === 'gpc' || method === 'dns_link' ? own(previous?.services, service.id) : undefined
    out.push([service.id, explicit ?? kept ?? categoryOn])
  }
  return recordOf(out)
}

function resolveDoNotSell(method: ConsentMethod, picks: Picks, previous: ConsentState | null): boolean {
  switch (method) {
    case 'accept_all':
      return false
    case 'reject_all':
    case 'withdraw':
      return true
    case 'gpc':
      return true
    case 'dns_link':
    case 'custom':
    case 'api':
      return picks.doNotSell ?? previous?.doNotSell ?? false
  }
}

/** The DNS choice sets every opt-out it covers where the visitor is; explicit picks then set single ones. */
function resolveOptOuts(previous: ConsentState | null, doNotSell: boolean, picks: Picks, jurisdiction: string): UsOptOuts {
  // `sale` is the DNS choice itself: a pick for it alone is ignored.
  return { ...withDnsChoice(previous?.optOuts ?? NO_OPT_OUTS, doNotSell, jurisdiction), ...picks.optOuts, sale: doNotSell }
}
