import type { CategoryChoices } from './categories'
import type { ConsentMethod } from './methods'
import type { UsOptOuts } from './us-opt-outs'

/**
 * One visitor's stored decision: what the consent cookie holds and what a record proves.
 * Category and service choices are explicit both ways (granted and denied).
 */
export interface ConsentState {
  /** 128-bit id (32 lowercase hex chars, time-ordered: see `newVisitorId`); a secret that keys this visitor's records. */
  visitorId: string
  categories: CategoryChoices
  /** Per-service choices, keyed by service id. A service absent here follows its category. */
  services: Readonly<Record<string, boolean>>
  /** The visitor's (or GPC's) "Do Not Sell or Share" choice: opted out of the sale of personal information. */
  doNotSell: boolean
  /** Each US opt-out apart (sale, sharing, targeted ads, sensitive-data limit, profiling); `sale` equals `doNotSell`. */
  optOuts: UsOptOuts
  /** A Global Privacy Control signal has been seen for this browser. Sticky: never cleared by absence. */
  gpc: boolean
  method: ConsentMethod
  /** When the decision was made, UTC ms. */
  decidedAt: number
  /** The site's policy revision the decision was made under. */
  policyRevision: number
  /** Fingerprint of the purposes (categories and services) offered when deciding; see `purposesFingerprint`. */
  purposes: string
  /** Jurisdiction code at decision time (`DE`, `US-CA`, `ZZ` when unknown). */
  jurisdiction: string
}

const VISITOR_ID = /^[0-9a-f]{32}$/

export function isVisitorId(value: unknown): value is string {
  return typeof value === 'string' && VISITOR_ID.test(value)
}
