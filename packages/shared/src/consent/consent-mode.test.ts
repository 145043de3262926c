import { describe, expect, it } from 'vitest'
import { decision, OFFERED } from '../testing/fixtures'
import { CONSENT_MODE_TYPES, consentModeState } from './consent-mode'
import { effectiveConsent } from './effective-consent'
import type { ConsentState } from './consent-state'

const mode = (stored: ConsentState | null, gpc = false) =>
  consentModeState(effectiveConsent({ stored, gpc, regime: stored ? 'opt_in' : 'opt_in', services: OFFERED.services }))

describe('consentModeState', () => {
  it('ADS-04: sets all seven types, ad_user_data and ad_personalization included', () => {
    expect(Object.keys(mode(null)).sort()).toEqual([...CONSENT_MODE_TYPES].sort())
    expect(CONSENT_MODE_TYPES).toHaveLength(7)
  })

  it('denies everything but security storage before consent', () => {
    expect(mode(null)).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
    })
  })

  it('grants every type after accept all', () => {
    expect(Object.values(mode(decision({ method: 'accept_all' }))).every((v) => v === 'granted')).toBe(true)
  })

  it('maps each category to its own types', () => {
    const analyticsOnly = mode(decision({ method: 'custom', picks: { categories: { analytics: true } } }))
    expect(analyticsOnly).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', functionality_storage: 'denied' })
    const functionalOnly = mode(decision({ method: 'custom', picks: { categories: { functional: true } } }))
    expect(functionalOnly).toMatchObject({ functionality_storage: 'granted', personalization_storage: 'granted', analytics_storage: 'denied' })
  })

  it('ADS-07: GPC denies every advertising type even after accept all', () => {
    expect(mode(decision({ method: 'accept_all' }), true)).toMatchObject({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'granted',
    })
  })
})
