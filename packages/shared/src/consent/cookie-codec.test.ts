import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeConsentCookie, encodeConsentCookie, MAX_COOKIE_VALUE_LENGTH } from './cookie-codec'
import { CONSENT_METHODS } from './methods'
import type { ConsentState } from './consent-state'

const state: ConsentState = {
  visitorId: '0123456789abcdef0123456789abcdef',
  categories: { functional: true, analytics: false, advertising: true },
  services: { ga4: false, 'meta-pixel': true },
  doNotSell: false,
  optOuts: { sale: false, sharing: false, targetedAds: false, sensitiveLimit: true, profiling: false },
  gpc: false,
  method: 'custom',
  decidedAt: 1_763_800_000_000,
  policyRevision: 3,
  purposes: 'k3x9a1',
  jurisdiction: 'US-CA',
}

const serviceId = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/)
const anyState: fc.Arbitrary<ConsentState> = fc
  .record({
    visitorId: fc.stringMatching(/^[0-9a-f]{32}$/),
    categories: fc.record({ functional: fc.boolean(), analytics: fc.boolean(), advertising: fc.boolean() }),
    services: fc.dictionary(serviceId, fc.boolean(), { maxKeys: 20 }),
    doNotSell: fc.boolean(),
    gpc: fc.boolean(),
    method: fc.constantFrom(...CONSENT_METHODS),
    decidedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    policyRevision: fc.integer({ min: 1, max: 1_000_000 }),
    purposes: fc.stringMatching(/^[0-9a-z]{1,7}$/),
    jurisdiction: fc.constantFrom('DE', 'US-CA', 'US', 'ZZ', 'GB', 'FR-RE'),
    optOuts: fc.record({ sale: fc.boolean(), sharing: fc.boolean(), targetedAds: fc.boolean(), sensitiveLimit: fc.boolean(), profiling: fc.boolean() }),
  })
  .map((s) => ({ ...s, optOuts: { ...s.optOuts, sale: s.doNotSell } }))

describe('consent cookie codec', () => {
  it('US-02: reads a cookie written before the separate opt-outs from its Do Not Sell choice', () => {
    const legacy = `1.${state.visitorId}.${(1_763_800_000_000).toString(36)}.3.d.${(8 | 16).toString(36)}.US-NJ.k3x9a1.`
    expect(decodeConsentCookie(legacy)).toMatchObject({
      doNotSell: true,
      optOuts: { sale: true, sharing: true, targetedAds: true, sensitiveLimit: false, profiling: true },
    })
  })

  it('round-trips a state', () => {
    expect(decodeConsentCookie(encodeConsentCookie(state))).toEqual(state)
  })

  it('round-trips every state', () => {
    fc.assert(
      fc.property(anyState, (s) => {
        expect(decodeConsentCookie(encodeConsentCookie(s))).toEqual(s)
      }),
      { numRuns: 500 },
    )
  })

  it('writes only characters a cookie value may hold without escaping', () => {
    fc.assert(
      fc.property(anyState, (s) => {
        expect(encodeConsentCookie(s)).toMatch(/^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/)
      }),
    )
  })

  it('keeps a realistic state far below the cookie size limit', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`service-${i}`, i % 2 === 0]))
    expect(encodeConsentCookie({ ...state, services: many }).length).toBeLessThan(1000)
  })

  it('decodes garbage, non-strings and empty values to no consent', () => {
    for (const raw of [undefined, null, 42, {}, [], '', 'garbage', '1', '........', 'true', '{"a":1}']) {
      expect(decodeConsentCookie(raw)).toBeNull()
    }
  })

  it('decodes every truncation of a valid value to no consent or to a valid state, never throwing', () => {
    const full = encodeConsentCookie(state)
    for (let i = 0; i < full.length; i++) {
      const decoded = decodeConsentCookie(full.slice(0, i))
      if (decoded !== null) expect(encodeConsentCookie(decoded)).toBe(full.slice(0, i))
    }
    expect(decodeConsentCookie(full.slice(0, full.indexOf('.', 40)))).toBeNull()
  })

  it('rejects a tampered field', () => {
    const parts = encodeConsentCookie(state).split('.')
    const tamper = (index: number, value: string) => decodeConsentCookie(parts.map((p, i) => (i === index ? value : p)).join('.'))
    expect(tamper(0, '2')).toBeNull() // unknown version
    expect(tamper(1, 'not-a-visitor-id')).toBeNull()
    expect(tamper(1, '0123456789ABCDEF0123456789ABCDEF')).toBeNull() // upper case is not ours
    expect(tamper(2, '-5')).toBeNull()
    expect(tamper(4, 'z')).toBeNull() // unknown method
    expect(tamper(5, 'zz')).toBeNull() // flags out of range
    expect(tamper(6, 'us-ca')).toBeNull()
    expect(tamper(7, 'A!')).toBeNull()
    expect(tamper(8, 'ga4:2')).toBeNull()
    expect(tamper(8, 'ga4:1+ga4:0')).toBeNull() // duplicate service
    expect(tamper(8, '__proto__:1')).toBeNull()
  })

  it('rejects a value longer than a browser would store', () => {
    const huge = encodeConsentCookie({ ...state, services: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`svc-${i}-abcdef`, true])) })
    expect(huge.length).toBeGreaterThan(MAX_COOKIE_VALUE_LENGTH)
    expect(decodeConsentCookie(huge)).toBeNull()
  })

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (raw) => void decodeConsentCookie(raw)),
      { numRuns: 2000 },
    )
    const valid = encodeConsentCookie(state)
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        const decoded = decodeConsentCookie(valid.slice(0, at) + ch + valid.slice(at + 1))
        if (decoded !== null) expect(decoded.visitorId).toMatch(/^[0-9a-f]{32}$/)
      }),
      { numRuns: 2000 },
    )
  })
})
