import { describe, expect, it } from 'vitest'
import { jurisdictionCode, normalizeLocation, resolveJurisdiction, siteJurisdictionOptions, US_UOOM_SINCE } from './jurisdiction'

const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`)
const resolve = (country: string | null, region: string | null = null, now = at('2026-11-22')) =>
  resolveJurisdiction(normalizeLocation(country, region), { now })

describe('normalizeLocation', () => {
  it('upper-cases and prefixes a bare region with its country', () => {
    expect(normalizeLocation('us', 'ca')).toEqual({ country: 'US', region: 'US-CA' })
    expect(normalizeLocation('US', 'US-CA')).toEqual({ country: 'US', region: 'US-CA' })
  })

  it('turns malformed, unknown and Tor country codes into null', () => {
    for (const bad of ['', 'USA', 'X', 'XX', 'T1', '1A', 'u$', '  ']) expect(normalizeLocation(bad).country).toBeNull()
    expect(normalizeLocation(undefined, 'CA')).toEqual({ country: null, region: null })
  })

  it('drops a malformed region but keeps the country', () => {
    expect(normalizeLocation('US', 'CALIFORNIA')).toEqual({ country: 'US', region: null })
    expect(normalizeLocation('US', 'C;A')).toEqual({ country: 'US', region: null })
  })
})

describe('resolveJurisdiction', () => {
  it('EU-16: every EEA country is opt-in', () => {
    const eea = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' ')
    expect(eea).toHaveLength(30)
    for (const country of eea) expect(resolve(country)).toMatchObject({ ruleset: 'gdpr', regime: 'opt_in' })
  })

  it('EU-16: the outermost regions and Åland reported under their own codes are opt-in', () => {
    for (const country of ['RE', 'GP', 'GF', 'MQ', 'YT', 'MF', 'AX']) expect(resolve(country)).toMatchObject({ ruleset: 'gdpr', regime: 'opt_in' })
  })

  it('EU-16: the UK, Gibraltar and Switzerland are opt-in', () => {
    expect(resolve('GB')).toMatchObject({ ruleset: 'uk', regime: 'opt_in' })
    expect(resolve('GI')).toMatchObject({ ruleset: 'uk', regime: 'opt_in' })
    expect(resolve('CH')).toMatchObject({ ruleset: 'swiss', regime: 'opt_in' })
  })

  it('EU-16: an unknown location gets the strictest rules', () => {
    expect(resolve(null)).toMatchObject({ ruleset: 'unknown', regime: 'opt_in', showDoNotSell: false })
    expect(resolve('XX')).toMatchObject({ ruleset: 'unknown', regime: 'opt_in' })
  })

  it('applies the configurable default elsewhere, opt-in unless told otherwise', () => {
    expect(resolve('JP')).toMatchObject({ ruleset: 'default', regime: 'opt_in', source: 'default' })
    expect(resolveJurisdiction(normalizeLocation('JP'), { defaultRegime: 'notice' }).regime).toBe('notice')
  })

  it('US-01: every US visitor gets opt-out rules with the "Do Not Sell or Share" control', () => {
    for (const region of [null, 'CA', 'VA', 'FL', 'NY']) {
      expect(resolve('US', region)).toMatchObject({ regime: 'opt_out', showDoNotSell: true })
    }
  })

  it('US-01: a state mandates the universal opt-out only from its effective date', () => {
    const rows: [string, string, string][] = [
      ['CO', '2024-06-30', '2024-07-01'],
      ['CT', '2024-12-31', '2025-01-01'],
      ['TX', '2024-12-31', '2025-01-01'],
      ['MT', '2024-12-31', '2025-01-01'],
      ['NH', '2024-12-31', '2025-01-01'],
      ['NE', '2024-12-31', '2025-01-01'],
      ['NJ', '2025-07-14', '2025-07-15'],
      ['MN', '2025-07-30', '2025-07-31'],
      ['MD', '2025-09-30', '2025-10-01'],
      ['OR', '2025-12-31', '2026-01-01'],
      ['DE', '2025-12-31', '2026-01-01'],
    ]
    for (const [state, before, from] of rows) {
      expect(resolve('US', state, at(before)), `${state} before`).toMatchObject({ ruleset: 'us', gpcMandated: false })
      expect(resolve('US', state, at(from)), `${state} from`).toMatchObject({ ruleset: 'us_state', gpcMandated: true })
    }
    expect(Object.keys(US_UOOM_SINCE)).toHaveLength(rows.length + 1) // + California
  })

  it('US-01: states without a universal opt-out mandate still get opt-out rules', () => {
    for (const state of ['VA', 'UT', 'IA', 'IN', 'TN', 'KY', 'RI', 'FL']) {
      expect(resolve('US', state)).toMatchObject({ ruleset: 'us', regime: 'opt_out', gpcMandated: false, showDoNotSell: true })
    }
  })

  it('California mandates honouring GPC today', () => {
    expect(resolve('US', 'CA')).toMatchObject({ ruleset: 'us_state', gpcMandated: true })
  })
})

describe('regime rules per country and region', () => {
  const withRules = (country: string | null, region: string | null, options: Parameters<typeof resolveJurisdiction>[1]) =>
    resolveJurisdiction(normalizeLocation(country, region), { now: at('2026-11-22'), ...options })

  it("Quebec is opt-in (Law 25) whatever the site's default", () => {
    for (const defaultRegime of ['opt_in', 'opt_out', 'notice'] as const) {
      expect(withRules('CA', 'QC', { defaultRegime })).toMatchObject({ ruleset: 'quebec', regime: 'opt_in', source: 'built_in' })
    }
  })

  it("Ontario and the other provinces get the site's rule: its CA rule, else its default", () => {
    expect(withRules('CA', 'ON', { defaultRegime: 'opt_out' })).toMatchObject({ ruleset: 'canada', regime: 'opt_out', source: 'default' })
    expect(withRules('CA', 'ON', {})).toMatchObject({ ruleset: 'canada', regime: 'opt_in', source: 'default' })
    expect(withRules('CA', 'ON', { defaultRegime: 'opt_in', rules: { CA: 'notice' } })).toMatchObject({ regime: 'notice', source: 'site_rule' })
    expect(withRules('CA', null, { defaultRegime: 'opt_out' })).toMatchObject({ ruleset: 'canada', regime: 'opt_out' })
  })

  it("a site's country rule does not reach a region with a built-in rule unless the site names that region", () => {
    expect(withRules('CA', 'QC', { rules: { CA: 'opt_out' } })).toMatchObject({ regime: 'opt_in', source: 'built_in' })
    expect(withRules('CA', 'QC', { rules: { 'CA-QC': 'notice' } })).toMatchObject({ regime: 'notice', source: 'site_rule' })
    expect(withRules('CA', 'QC', { rules: { CA: 'opt_out', 'CA-QC': 'opt_in' } })).toMatchObject({ regime: 'opt_in', source: 'site_rule' })
    expect(withRules('CA', 'BC', { rules: { CA: 'opt_out', 'CA-QC': 'opt_in' } })).toMatchObject({ regime: 'opt_out', source: 'site_rule' })
  })

  it('a site override beats the built-in rule (EEA, UK, US, Brazil)', () => {
    expect(withRules('DE', null, { rules: { DE: 'notice' } })).toMatchObject({ ruleset: 'gdpr', regime: 'notice', source: 'site_rule' })
    expect(withRules('GB', null, { rules: { GB: 'opt_out' } })).toMatchObject({ ruleset: 'uk', regime: 'opt_out' })
    expect(withRules('US', 'CA', { rules: { 'US-CA': 'opt_in' } })).toMatchObject({ ruleset: 'us_state', regime: 'opt_in', gpcMandated: true, usPrivacy: true })
    expect(withRules('US', 'TX', { rules: { 'US-CA': 'opt_in' } })).toMatchObject({ regime: 'opt_out', source: 'built_in' })
    expect(withRules('BR', null, { rules: { BR: 'opt_out' } })).toMatchObject({ ruleset: 'lgpd', regime: 'opt_out' })
  })

  it('Brazil (LGPD) is opt-in by default', () => {
    expect(withRules('BR', 'SP', { defaultRegime: 'notice' })).toMatchObject({ ruleset: 'lgpd', regime: 'opt_in', source: 'built_in' })
  })

  it("the EEA's outermost regions reported under their country stay opt-in (Azores, Madeira, Canaries)", () => {
    for (const [country, region] of [
      ['PT', '20'],
      ['PT', '30'],
      ['ES', 'CN'],
      ['FR', '974'],
    ] as const) {
      expect(withRules(country, region, { defaultRegime: 'notice' })).toMatchObject({ ruleset: 'gdpr', regime: 'opt_in' })
    }
  })

  it('an unknown location gets the strictest rules, whatever the site says', () => {
    expect(withRules(null, null, { defaultRegime: 'notice', rules: { ZZ: 'notice' } as never })).toMatchObject({ ruleset: 'unknown', regime: 'opt_in' })
  })

  it('a sale-free site shows no Do Not Sell control but keeps US opt-out rights (GPC)', () => {
    expect(withRules('US', 'CA', { saleFree: true })).toMatchObject({ usPrivacy: true, showDoNotSell: false, gpcMandated: true })
    expect(withRules('US', 'CA', {})).toMatchObject({ usPrivacy: true, showDoNotSell: true })
    expect(withRules('DE', null, {})).toMatchObject({ usPrivacy: false, showDoNotSell: false })
  })

  it('the "Limit the Use of My Sensitive Personal Information" control: California only, on a site that uses such information', () => {
    expect(withRules('US', 'CA', { sensitiveUse: true })).toMatchObject({ showSensitiveLimit: true })
    expect(withRules('US', 'CA', { sensitiveUse: true, saleFree: true })).toMatchObject({ showSensitiveLimit: true, showDoNotSell: false })
    expect(withRules('US', 'CA', {})).toMatchObject({ showSensitiveLimit: false })
    expect(withRules('US', 'TX', { sensitiveUse: true })).toMatchObject({ showSensitiveLimit: false })
    expect(withRules('DE', null, { sensitiveUse: true })).toMatchObject({ showSensitiveLimit: false })
    expect(withRules(null, null, { sensitiveUse: true })).toMatchObject({ showSensitiveLimit: false })
    const config = { jurisdiction: { defaultRegime: 'opt_in' as const }, dataPractices: { sellsOrShares: true, usesSensitiveInformation: true } }
    expect(siteJurisdictionOptions(config)).toMatchObject({ sensitiveUse: true })
  })
})

describe('jurisdictionCode', () => {
  it('prefers the region, then the country, then ZZ', () => {
    expect(jurisdictionCode(resolve('US', 'CA'))).toBe('US-CA')
    expect(jurisdictionCode(resolve('DE'))).toBe('DE')
    expect(jurisdictionCode(resolve(null))).toBe('ZZ')
  })
})
