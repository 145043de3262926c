import { describe, expect, it } from 'vitest'
import { decision, NOW, OFFERED } from '../testing/fixtures'
import { purposesFingerprint } from './purposes'
import { regimeDefaults } from './decide'

describe('decide', () => {
  it('grants every optional category and service on accept all', () => {
    const state = decision({ method: 'accept_all' })
    expect(state.categories).toEqual({ functional: true, analytics: true, advertising: true })
    expect(state.services).toEqual({ ga4: true, hotjar: true, 'meta-pixel': true })
    expect(state.doNotSell).toBe(false)
  })

  it('REC-01: states every category and service explicitly on reject all, and opts out of sale', () => {
    const state = decision({ method: 'reject_all' })
    expect(state.categories).toEqual({ functional: false, analytics: false, advertising: false })
    expect(state.services).toEqual({ ga4: false, hotjar: false, 'meta-pixel': false })
    expect(state.doNotSell).toBe(true)
  })

  it('never lets an essential service become a choice', () => {
    expect(decision({ method: 'reject_all' }).services).not.toHaveProperty('session')
    expect(decision({ method: 'custom', picks: { services: { session: false } } }).services).not.toHaveProperty('session')
  })

  it('EU-05: treats a category missing from a custom choice as refused (nothing pre-ticked)', () => {
    const state = decision({ method: 'custom', picks: { categories: { analytics: true } } })
    expect(state.categories).toEqual({ functional: false, analytics: true, advertising: false })
  })

  it('EU-08: lets a visitor choose each service on its own', () => {
    const state = decision({ method: 'custom', picks: { categories: { analytics: true }, services: { hotjar: false } } })
    expect(state.services).toMatchObject({ ga4: true, hotjar: false })
  })

  it('counts a category as granted only when every service in it is granted', () => {
    const state = decision({ method: 'custom', picks: { categories: { analytics: true }, services: { hotjar: false } } })
    expect(state.categories.analytics).toBe(false)
    expect(state.services.ga4).toBe(true)
  })

  it('records a withdrawal as a refusal with its own method', () => {
    const previous = decision({ method: 'accept_all' })
    const state = decision({ method: 'withdraw', previous, now: NOW + 1000 })
    expect(state).toMatchObject({ method: 'withdraw', decidedAt: NOW + 1000, doNotSell: true })
    expect(state.categories).toEqual({ functional: false, analytics: false, advertising: false })
  })

  it('GPC-04: a GPC decision opts out of sale and keeps the other choices', () => {
    const previous = decision({ method: 'custom', picks: { categories: { analytics: true, functional: true } } })
    const state = decision({ method: 'gpc', previous, gpc: true, regime: 'opt_out', jurisdiction: 'US-CA' })
    expect(state).toMatchObject({ doNotSell: true, gpc: true, method: 'gpc' })
    expect(state.categories).toEqual(previous.categories)
    expect(state.services).toEqual(previous.services)
  })

  it('GPC-04: under opt-out rules a first GPC decision starts from the regime defaults', () => {
    const state = decision({ method: 'gpc', gpc: true, regime: 'opt_out', jurisdiction: 'US-CA' })
    expect(state.categories).toEqual(regimeDefaults('opt_out'))
    expect(state.doNotSell).toBe(true)
  })

  it('GPC-08: an accept all while GPC is present keeps the sale opt-out', () => {
    expect(decision({ method: 'accept_all', gpc: true }).doNotSell).toBe(true)
  })

  it('GPC-09: remembers that GPC was seen even when a later decision is made without it', () => {
    const withGpc = decision({ method: 'gpc', gpc: true, regime: 'opt_out' })
    const later = decision({ method: 'custom', previous: withGpc, gpc: false, picks: { categories: { functional: true } } })
    expect(later.gpc).toBe(true)
    expect(later.doNotSell).toBe(true)
  })

  it('CA-04: the "Do Not Sell" link opts out in one decision and keeps the categories', () => {
    const previous = decision({ method: 'accept_all', regime: 'opt_out', jurisdiction: 'US-CA' })
    const state = decision({ method: 'dns_link', previous, picks: { doNotSell: true }, regime: 'opt_out' })
    expect(state.doNotSell).toBe(true)
    expect(state.categories).toEqual(previous.categories)
  })

  it('stamps the revision, the jurisdiction and the fingerprint of what was offered', () => {
    const state = decision({ policyRevision: 7, jurisdiction: 'US-CA' })
    expect(state).toMatchObject({ policyRevision: 7, jurisdiction: 'US-CA', purposes: purposesFingerprint(OFFERED), decidedAt: NOW })
  })

  it('uses opt-out defaults only outside opt-in regimes', () => {
    expect(regimeDefaults('opt_in')).toEqual({ functional: false, analytics: false, advertising: false })
    expect(regimeDefaults('opt_out')).toEqual({ functional: true, analytics: true, advertising: true })
    expect(regimeDefaults('notice')).toEqual({ functional: true, analytics: true, advertising: true })
  })
})

describe('purposesFingerprint', () => {
  it('ignores order but notices an added service or category', () => {
    const shuffled = { categories: [...OFFERED.categories].reverse(), services: [...OFFERED.services].reverse() }
    expect(purposesFingerprint(shuffled)).toBe(purposesFingerprint(OFFERED))
    const more = { ...OFFERED, services: [...OFFERED.services, { id: 'tiktok', category: 'advertising' as const }] }
    expect(purposesFingerprint(more)).not.toBe(purposesFingerprint(OFFERED))
    const fewer = { ...OFFERED, categories: ['analytics' as const] }
    expect(purposesFingerprint(fewer)).not.toBe(purposesFingerprint(OFFERED))
  })

  it('notices a service moved to another category', () => {
    const moved = { ...OFFERED, services: OFFERED.services.map((s) => (s.id === 'ga4' ? { ...s, category: 'functional' as const } : s)) }
    expect(purposesFingerprint(moved)).not.toBe(purposesFingerprint(OFFERED))
  })
})
