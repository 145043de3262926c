import { describe, expect, it } from 'vitest'
import { decision, OFFERED } from '../testing/fixtures'
import { effectiveConsent } from './effective-consent'
import type { ConsentState } from './consent-state'
import type { Regime } from './jurisdiction'

const effective = (stored: ConsentState | null, gpc: boolean, regime: Regime) => effectiveConsent({ stored, gpc, regime, services: OFFERED.services })

describe('effectiveConsent', () => {
  it('EU-01: grants nothing optional before a decision under opt-in rules', () => {
    const consent = effective(null, false, 'opt_in')
    expect(consent.categories).toEqual({ essential: true, functional: false, analytics: false, advertising: false })
    expect(consent.services).toEqual({ ga4: false, hotjar: false, 'meta-pixel': false, session: true })
    expect(consent.decided).toBe(false)
  })

  it('allows everything before a decision under opt-out rules, without GPC', () => {
    const consent = effective(null, false, 'opt_out')
    expect(consent.categories).toEqual({ essential: true, functional: true, analytics: true, advertising: true })
    expect(consent.saleOptOut).toBe(false)
  })

  it('GPC-03: with GPC, advertising is off from the first page load, before any decision', () => {
    const consent = effective(null, true, 'opt_out')
    expect(consent.categories.advertising).toBe(false)
    expect(consent.services['meta-pixel']).toBe(false)
    expect(consent.saleOptOut).toBe(true)
    expect(consent.gpcHonoured).toBe(true)
    expect(consent.categories.analytics).toBe(true)
  })

  it('GPC-08: GPC overrides a stored accept all', () => {
    const stored = decision({ method: 'accept_all', regime: 'opt_out' })
    const consent = effective(stored, true, 'opt_out')
    expect(consent.categories.advertising).toBe(false)
    expect(consent.saleOptOut).toBe(true)
  })

  it('GPC-09: a later visit without GPC never opts back in by itself', () => {
    const afterGpc = decision({ method: 'gpc', gpc: true, regime: 'opt_out' })
    const consent = effective(afterGpc, false, 'opt_out')
    expect(consent.saleOptOut).toBe(true)
    expect(consent.categories.advertising).toBe(false)
    expect(consent.gpcHonoured).toBe(false)
  })

  it('GPC-07: a GPC-only state is not a visitor decision', () => {
    expect(effective(decision({ method: 'gpc', gpc: true }), true, 'opt_out').decided).toBe(false)
    expect(effective(decision({ method: 'reject_all' }), false, 'opt_in').decided).toBe(true)
  })

  it('follows stored per-service choices and keeps essential services on', () => {
    const stored = decision({ method: 'custom', picks: { categories: { analytics: true }, services: { hotjar: false } } })
    const consent = effective(stored, false, 'opt_in')
    expect(consent.services).toEqual({ ga4: true, hotjar: false, 'meta-pixel': false, session: true })
    expect(consent.categories.analytics).toBe(false)
  })

  it('EU-12: a withdrawal turns every optional category and service off', () => {
    const accepted = decision({ method: 'accept_all' })
    const withdrawn = decision({ method: 'withdraw', previous: accepted })
    const consent = effective(withdrawn, false, 'opt_in')
    expect(
      Object.entries(consent.services)
        .filter(([, on]) => on)
        .map(([id]) => id),
    ).toEqual(['session'])
    expect(consent.categories).toEqual({ essential: true, functional: false, analytics: false, advertising: false })
  })

  it('a stored "Do Not Sell" keeps advertising off even when the category was granted', () => {
    const stored = decision({ method: 'custom', picks: { categories: { advertising: true }, doNotSell: true }, regime: 'opt_out' })
    expect(stored.categories.advertising).toBe(true)
    expect(effective(stored, false, 'opt_out').categories.advertising).toBe(false)
  })
})
