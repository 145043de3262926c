import type { CategoryChoices } from './categories'
import type { ConsentMethod } from './methods'

/**
 * One visitor's stored decision: what the consent cookie holds and what a record proves.
 * Category and service choices are explicit both ways (granted and denied).
 */
export interface ConsentState {
  /** Random 128-bit id (32 lowercase hex chars); a secret that keys this visitor's records. */
  visitorId: string
  categories: CategoryChoices
  /** Per-service choices, keyed by service id. A service absent here follows its category. */
  services: Readonly<Record<string, boolean>>
  /** Opted out of the sale or sharing of personal information (and targeted advertising). */
  doNotSell: boolean
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

/**
 * A fresh random visitor id (128 bits, hex). Uses WebCrypto, present in browsers and Node ≥ 19.
 * @example newVisitorId() // '3f2a…' (32 hex chars)
 */
export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}
