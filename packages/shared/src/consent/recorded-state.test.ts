import { describe, expect, it } from 'vitest'
import { decision, OFFERED } from '../testing/fixtures'
import { decodeConsentCookie, encodeConsentCookie } from './cookie-codec'
import { recordedState } from './recorded-state'

describe('recordedState', () => {
  it('rebuilds exactly the state the banner stored for the same decision', () => {
    const config = { categories: ['functional', 'analytics', 'advertising'] as const, services: OFFERED.services }
    for (const method of ['accept_all', 'reject_all', 'custom'] as const) {
      const stored = decision({ method, picks: { categories: { analytics: true }, services: { hotjar: false } } })
      const rebuilt = recordedState(stored, config)
      expect(rebuilt).toEqual(stored)
      expect(decodeConsentCookie(encodeConsentCookie(rebuilt))).toEqual(stored)
    }
  })

  it('fingerprints the purposes the configuration offers, not what the client claims', () => {
    const stored = decision({ method: 'accept_all' })
    const fewer = recordedState(stored, { categories: ['analytics'], services: [] })
    expect(fewer.purposes).not.toBe(stored.purposes)
  })
})
