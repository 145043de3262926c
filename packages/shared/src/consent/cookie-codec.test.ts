import { describe, expect, it } from 'vitest'
import { decodeConsentCookie, encodeConsentCookie } from './cookie-codec'
import type { ConsentState } from './consent-state'

const state: ConsentState = {
  visitorId: '0123456789abcdef0123456789abcdef',
  categories: { functional: true, analytics: false, advertising: true },
  services: { ga4: false, 'meta-pixel': true },
  doNotSell: false,
  gpc: false,
  method: 'custom',
  decidedAt: 1_763_800_000_000,
  policyRevision: 3,
  purposes: 'k3x9a1',
  jurisdiction: 'US-CA',
}

describe('consent cookie codec', () => {
  it('round-trips a state', () => {
    expect(decodeConsentCookie(encodeConsentCookie(state))).toEqual(state)
  })
})
