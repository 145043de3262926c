import { describe, expect, it } from 'vitest'
import { decide, type DecisionInput } from './decide'
import { effectiveConsent } from './effective-consent'
import { dnsOptOuts, NO_OPT_OUTS } from './us-opt-outs'
import { recordedOptOuts } from './recorded-state'
import { usPrivacyChoices } from '../signals/us-privacy'
import { encodeGpp } from '../signals/gpp/gpp-string'
import { GppModel } from '@iabgpp/cmpapi'

const base: DecisionInput = {
  method: 'dns_link',
  visitorId: '0123456789abcdef0123456789abcdef',
  previous: null,
  offered: { categories: ['essential', 'advertising'], services: [] },
  policyRevision: 1,
  regime: 'opt_out',
  jurisdiction: 'US-CA',
  gpc: false,
  now: 1_763_800_000_000,
}

describe('US opt-outs kept apart (US-02)', () => {
  it('maps one Do Not Sell or Share choice to what each state names', () => {
    expect(dnsOptOuts('US-CA')).toEqual(['sale', 'sharing', 'targetedAds'])
    expect(dnsOptOuts('US-CO')).toEqual(['sale', 'sharing', 'targetedAds'])
    expect(dnsOptOuts('US-NJ')).toContain('profiling')
    expect(dnsOptOuts('US-MN')).toContain('profiling')
    for (const state of ['US-CA', 'US-NJ', 'US-TX']) expect(dnsOptOuts(state)).not.toContain('sensitiveLimit')
  })

  it('a DNS choice sets several flags; withdrawing it clears them but keeps a sensitive-data limit', () => {
    const out = decide({ ...base, picks: { doNotSell: true, optOuts: { sensitiveLimit: true } }, jurisdiction: 'US-NJ' })
    expect(out.optOuts).toEqual({ sale: true, sharing: true, targetedAds: true, sensitiveLimit: true, profiling: true })
    const back = decide({ ...base, previous: out, picks: { doNotSell: false }, jurisdiction: 'US-NJ' })
    expect(back.optOuts).toEqual({ ...NO_OPT_OUTS, sensitiveLimit: true })
    expect(back.doNotSell).toBe(false)
  })

  it("GPC sets the state's set, and the state holds it apart from the advertising category", () => {
    const gpc = decide({ ...base, method: 'gpc', gpc: true, jurisdiction: 'US-MN' })
    expect(gpc.optOuts).toMatchObject({ sale: true, sharing: true, targetedAds: true, profiling: true })
    expect(gpc.categories.advertising).toBe(true) // the category stays what it was; its effect is refused
    const live = effectiveConsent({ stored: null, gpc: true, regime: 'opt_out', services: [], jurisdiction: 'US-NJ' })
    expect(live.optOuts).toMatchObject({ sale: true, profiling: true })
  })

  it('an old body without optOuts is read from its Do Not Sell choice', () => {
    expect(recordedOptOuts({ doNotSell: true, jurisdiction: 'US-CA' })).toEqual({
      sale: true,
      sharing: true,
      targetedAds: true,
      sensitiveLimit: false,
      profiling: false,
    })
    expect(recordedOptOuts({ doNotSell: false, optOuts: { sensitiveLimit: true }, jurisdiction: 'US-CA' })).toMatchObject({ sale: false, sensitiveLimit: true })
  })

  it('a sensitive-data limit shows in usnat and usca (notice 1, every category opted out)', () => {
    const consent = effectiveConsent({
      stored: decide({ ...base, method: 'api', picks: { optOuts: { sensitiveLimit: true } } }),
      gpc: false,
      regime: 'opt_out',
      services: [],
    })
    const model = new GppModel(encodeGpp(['usnat', 'usca'], usPrivacyChoices(consent)).gppString)
    expect(model.getFieldValue('usnat', 'SensitiveDataLimitUseNotice')).toBe(1)
    expect(model.getFieldValue('usnat', 'SensitiveDataProcessing')).toEqual(Array(16).fill(1))
    expect(model.getFieldValue('usca', 'SensitiveDataProcessing')).toEqual(Array(9).fill(1))
    expect(model.getFieldValue('usca', 'SaleOptOut')).toBe(2)
  })

  it('US-02: where the site offers the limit and it is not used: notice 1, every category "did not opt out" (2); GPC does not limit', () => {
    const consent = effectiveConsent({ stored: null, gpc: true, regime: 'opt_out', services: [], jurisdiction: 'US-CA' })
    const model = new GppModel(encodeGpp(['usnat', 'usca'], usPrivacyChoices(consent, { sensitiveLimitOffered: true })).gppString)
    expect(model.getFieldValue('usca', 'SensitiveDataLimitUseNotice')).toBe(1)
    expect(model.getFieldValue('usca', 'SensitiveDataProcessing')).toEqual(Array(9).fill(2))
    expect(model.getFieldValue('usnat', 'SensitiveDataProcessing')).toEqual(Array(16).fill(2))
    expect(model.getFieldValue('usca', 'SaleOptOut')).toBe(1) // GPC opts out of sale
  })
})

describe('sale-free sites in GPP and USP', () => {
  const consent = effectiveConsent({ stored: null, gpc: true, regime: 'opt_out', services: [], jurisdiction: 'US-CA' })

  it('marks sale, sharing and targeted advertising not applicable (0) and passes GPC through', () => {
    const gpp = encodeGpp(['uspv1', 'usnat', 'usca'], usPrivacyChoices(consent, { saleFree: true }))
    const model = new GppModel(gpp.gppString)
    for (const field of [
      'SharingNotice',
      'SaleOptOutNotice',
      'SharingOptOutNotice',
      'TargetedAdvertisingOptOutNotice',
      'SaleOptOut',
      'SharingOptOut',
      'TargetedAdvertisingOptOut',
    ]) {
      expect(model.getFieldValue('usnat', field), field).toBe(0)
    }
    for (const field of ['SaleOptOutNotice', 'SharingOptOutNotice', 'SaleOptOut', 'SharingOptOut']) expect(model.getFieldValue('usca', field), field).toBe(0)
    expect(model.getFieldValue('usnat', 'Gpc')).toBe(true)
    expect(model.getFieldValue('usca', 'Gpc')).toBe(true)
    expect(model.getFieldValue('usnat', 'MspaCoveredTransaction')).toBe(2)
    expect(gpp.gppString.split('~')[1]).toBe('1NYN')
  })

  it('a site that sells keeps notices given (1)', () => {
    const model = new GppModel(encodeGpp(['usnat'], usPrivacyChoices(consent)).gppString)
    expect(model.getFieldValue('usnat', 'SaleOptOutNotice')).toBe(1)
    expect(model.getFieldValue('usnat', 'SaleOptOut')).toBe(1)
  })
})
