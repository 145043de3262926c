import type { CategoryChoices } from './categories'
import type { ConsentMethod } from './methods'
import type { ConsentState } from './consent-state'
import { offeredPurposes, purposesFingerprint, type ServiceRef } from './purposes'
import type { Category } from './categories'
import { NO_OPT_OUTS, withDnsChoice, type UsOptOuts } from './us-opt-outs'

/** The fields of a recorded decision (the POST /v1/consents body) that make up a consent state. */
export interface RecordedDecision {
  visitorId: string
  categories: CategoryChoices
  services: Readonly<Record<string, boolean>>
  doNotSell: boolean
  /** Each US opt-out; absent in bodies from older banners (then read from `doNotSell`). */
  optOuts?: Partial<UsOptOuts> | undefined
  gpc: boolean
  method: ConsentMethod
  decidedAt: number
  policyRevision: number
  jurisdiction: string
}

/**
 * The consent state a recorded decision stands for, as the banner would have stored it. Lets the API set
 * the same consent cookie from the server (so Safari's cap on script-written cookies does not apply).
 */
export function recordedState(decision: RecordedDecision, config: { categories: readonly Category[]; services: readonly ServiceRef[] }): ConsentState {
  const { functional, analytics, advertising } = decision.categories
  return {
    visitorId: decision.visitorId,
    categories: { functional, analytics, advertising },
    services: { ...decision.services },
    doNotSell: decision.doNotSell,
    optOuts: recordedOptOuts(decision),
    gpc: decision.gpc,
    method: decision.method,
    decidedAt: decision.decidedAt,
    policyRevision: decision.policyRevision,
    purposes: purposesFingerprint(offeredPurposes(config)),
    jurisdiction: decision.jurisdiction,
  }
}

/** The opt-outs a decision states: as sent, else what its Do Not Sell choice covers where it was made. */
export function recordedOptOuts(decision: Pick<RecordedDecision, 'doNotSell' | 'optOuts' | 'jurisdiction'>): UsOptOuts {
  const base = withDnsChoice(NO_OPT_OUTS, decision.doNotSell, decision.jurisdiction)
  return { ...base, ...decision.optOuts, sale: decision.doNotSell }
}
