import { describe, expect, it } from 'vitest'
import { GppModel } from '@iabgpp/cmpapi'
import { encodeUspString } from './usp'
import { usPrivacyChoices } from './us-privacy'
import { effectiveConsent } from '../consent/effective-consent'
import { decision, OFFERED } from '../testing/fixtures'

describe('encodeUspString', () => {
  it('IAB-08: 1YYN after an opt-out in California, 1YNN before, 1--- where CCPA does not apply', () => {
    expect(encodeUspString({ applies: true, optedOut: true })).toBe('1YYN')
    expect(encodeUspString({ applies: true, optedOut: false })).toBe('1YNN')
    expect(encodeUspString({ applies: false, optedOut: true })).toBe('1---')
  })

  it('IAB-08: decodes with @iabgpp/cmpapi as a uspv1 section', () => {
    const model = new GppModel()
    model.decodeSection('uspv1', encodeUspString({ applies: true, optedOut: true }))
    expect(model.getFieldValue('uspv1', 'OptOutSale')).toBe('Y')
    expect(model.getFieldValue('uspv1', 'Notice')).toBe('Y')
  })
})

describe('usPrivacyChoices', () => {
  const consent = (gpc: boolean, method: 'accept_all' | 'reject_all' | 'custom', picks = {}) =>
    effectiveConsent({ stored: decision({ method, picks, regime: 'opt_out', jurisdiction: 'US-CA' }), gpc, regime: 'opt_out', services: OFFERED.services })

  it('IAB-06: GPC opts out of sale, sharing and targeted advertising and passes Gpc through', () => {
    expect(usPrivacyChoices(consent(true, 'accept_all'))).toEqual({ saleOptOut: true, sharingOptOut: true, targetedAdvertisingOptOut: true, gpc: true })
  })

  it('no opt-out after accept all without GPC', () => {
    expect(usPrivacyChoices(consent(false, 'accept_all'))).toEqual({ saleOptOut: false, sharingOptOut: false, targetedAdvertisingOptOut: false, gpc: false })
  })

  it('advertising refused without a sale opt-out still opts out of sharing and targeted ads', () => {
    const choices = usPrivacyChoices(consent(false, 'custom', { categories: { analytics: true }, doNotSell: false }))
    expect(choices).toEqual({ saleOptOut: false, sharingOptOut: true, targetedAdvertisingOptOut: true, gpc: false })
  })
})
