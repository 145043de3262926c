import type { ConsentState } from './consent-state'
import { isVisitorId } from './consent-state'
import type { ConsentMethod } from './methods'
import { recordOf } from './own'
import { NO_OPT_OUTS, withDnsChoice } from './us-opt-outs'

/**
 * The consent cookie's value. Compact, versioned, cookie-safe without escaping:
 *   1.<visitorId>.<decidedAt b36>.<revision b36>.<method>.<flags b36>.<jurisdiction>.<purposes>.<services>
 * flags: bit0 functional, bit1 analytics, bit2 advertising, bit3 doNotSell (= sale opt-out), bit4 gpc; then the
 * other US opt-outs: bit5 sharing, bit6 targeted ads, bit7 sensitive-data limit, bit8 profiling, and bit9 set
 * whenever bits 5–8 are written. A cookie without bit9 (written before they existed) reads them from the DNS choice.
 * services: `id:1+id:0` (empty when the site declares none).
 * Any value that does not decode exactly is "no consent": the visitor is asked again, never trusted.
 */
export const COOKIE_CODEC_VERSION = '1'
/** Browsers cap a cookie at 4096 bytes including its name; anything longer was not written by us. */
export const MAX_COOKIE_VALUE_LENGTH = 3800

const METHOD_CODES: Readonly<Record<ConsentMethod, string>> = {
  accept_all: 'a',
  reject_all: 'r',
  custom: 'c',
  gpc: 'g',
  dns_link: 'd',
  withdraw: 'w',
  api: 'p',
}
const METHOD_BY_CODE = new Map(Object.entries(METHOD_CODES).map(([method, code]) => [code, method as ConsentMethod]))

/** Marks a cookie that carries each US opt-out (bits 5–8). */
const OPT_OUT_BITS = 512
/** The US opt-outs in bits 5–8, in order (sale is bit 3, `doNotSell`). */
const FLAGGED = ['sharing', 'targetedAds', 'sensitiveLimit', 'profiling'] as const
const B36 = /^[0-9a-z]{1,11}$/
const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/
const SERVICE_ENTRY = /^([a-z0-9][a-z0-9_-]{0,63}):([01])$/

/** Serialises a consent state for the cookie. */
export function encodeConsentCookie(state: ConsentState): string {
  let flags =
    (state.categories.functional ? 1 : 0) |
    (state.categories.analytics ? 2 : 0) |
    (state.categories.advertising ? 4 : 0) |
    (state.doNotSell ? 8 : 0) |
    (state.gpc ? 16 : 0) |
    OPT_OUT_BITS
  let bit = 32
  for (const key of FLAGGED) (flags |= state.optOuts[key] ? bit : 0), (bit *= 2)
  const services = Object.entries(state.services)
    .map(([id, on]) => `${id}:${on ? 1 : 0}`)
    .join('+')
  return [
    COOKIE_CODEC_VERSION,
    state.visitorId,
    state.decidedAt.toString(36),
    state.policyRevision.toString(36),
    METHOD_CODES[state.method],
    flags.toString(36),
    state.jurisdiction,
    state.purposes,
    services,
  ].join('.')
}

/**
 * Parses a consent cookie. Total: returns null for anything tampered, truncated, oversized or foreign,
 * and never throws.
 * @example decodeConsentCookie('garbage') // null
 */
export function decodeConsentCookie(raw: unknown): ConsentState | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_COOKIE_VALUE_LENGTH) return null
  const parts = raw.split('.')
  if (parts.length !== 9) return null
  const [version, visitorId, decidedAt36, revision36, methodCode, flags36, jurisdiction, purposes, services] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  if (version !== COOKIE_CODEC_VERSION || !isVisitorId(visitorId)) return null
  const decidedAt = parseB36(decidedAt36)
  const policyRevision = parseB36(revision36)
  const method = METHOD_BY_CODE.get(methodCode)
  const flags = parseB36(flags36)
  if (decidedAt === null || policyRevision === null || method === undefined || flags === null || flags > 1023) return null
  if (!JURISDICTION.test(jurisdiction) && jurisdiction !== 'ZZ') return null
  if (!B36.test(purposes)) return null
  const serviceMap = parseServices(services)
  if (serviceMap === null) return null
  const doNotSell = (flags & 8) !== 0
  const optOuts = withDnsChoice(NO_OPT_OUTS, doNotSell, jurisdiction)
  if (flags & OPT_OUT_BITS) FLAGGED.forEach((key, i) => (optOuts[key] = (flags & (32 << i)) !== 0))
  return {
    visitorId,
    categories: { functional: (flags & 1) !== 0, analytics: (flags & 2) !== 0, advertising: (flags & 4) !== 0 },
    services: serviceMap,
    doNotSell,
    optOuts,
    gpc: (flags & 16) !== 0,
    method,
    decidedAt,
    policyRevision,
    purposes,
    jurisdiction,
  }
}

function parseB36(text: string): number | null {
  if (!B36.test(text)) return null
  const value = Number.parseInt(text, 36)
  return Number.isSafeInteger(value) ? value : null
}

function parseServices(text: string): Record<string, boolean> | null {
  const out = new Map<string, boolean>()
  if (text === '') return {}
  for (const entry of text.split('+')) {
    const match = SERVICE_ENTRY.exec(entry)
    if (!match) return null
    const [, id, on] = match as unknown as [string, string, string]
    if (out.has(id)) return null
    out.set(id, on === '1')
  }
  return recordOf(out)
}
