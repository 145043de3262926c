import { describe, expect, it } from 'vitest'
import { DAY, decision, NOW, OFFERED } from '../testing/fixtures'
import { purposesFingerprint } from './purposes'
import { shouldPrompt, type PromptInput } from './should-prompt'
import type { ConsentState } from './consent-state'

const PURPOSES = purposesFingerprint(OFFERED)
const CHANGED = purposesFingerprint({ ...OFFERED, services: [...OFFERED.services, { id: 'tiktok', category: 'advertising' }] })

function ask(stored: ConsentState | null, overrides: Partial<PromptInput> = {}) {
  return shouldPrompt({ stored, regime: 'opt_in', policyRevision: 1, purposes: PURPOSES, lifetimeDays: 365, now: NOW, ...overrides })
}

describe('shouldPrompt', () => {
  it('asks before any decision', () => {
    expect(ask(null)).toEqual({ prompt: true, reason: 'no_decision' })
    expect(ask(null, { regime: 'opt_out' })).toEqual({ prompt: true, reason: 'no_decision' })
  })

  it('stays quiet under opt-out rules when the site chose not to show a notice', () => {
    expect(ask(null, { regime: 'opt_out', promptUnderOptOut: false })).toEqual({ prompt: false, reason: 'not_required' })
    expect(ask(null, { regime: 'opt_in', promptUnderOptOut: false })).toEqual({ prompt: true, reason: 'no_decision' })
  })

  it('an essential-only site shows its notice, or nothing when the site turned the notice off', () => {
    expect(ask(null, { offersChoice: false })).toEqual({ prompt: true, reason: 'no_decision' })
    expect(ask(null, { offersChoice: false, essentialOnlyNotice: false })).toEqual({ prompt: false, reason: 'not_required' })
    expect(ask(null, { offersChoice: true, essentialOnlyNotice: false })).toEqual({ prompt: true, reason: 'no_decision' })
  })

  it('GPC-07: a GPC-only state shows the same banner as no state', () => {
    const gpcOnly = decision({ method: 'gpc', gpc: true, regime: 'opt_out', jurisdiction: 'US-CA' })
    expect(ask(gpcOnly, { regime: 'opt_out' })).toEqual(ask(null, { regime: 'opt_out' }))
  })

  it('does not ask again while a decision is current', () => {
    expect(ask(decision({ method: 'accept_all' }), { now: NOW + 30 * DAY })).toEqual({ prompt: false, reason: 'decided' })
  })

  it('EU-15: asks again when the decision expires (configurable lifetime)', () => {
    const stored = decision({ method: 'accept_all' })
    expect(ask(stored, { now: NOW + 364 * DAY }).prompt).toBe(false)
    expect(ask(stored, { now: NOW + 365 * DAY })).toEqual({ prompt: true, reason: 'expired' })
    expect(ask(stored, { now: NOW + 31 * DAY, lifetimeDays: 30 })).toEqual({ prompt: true, reason: 'expired' })
  })

  it('asks again after a policy revision bump', () => {
    expect(ask(decision({ method: 'accept_all', policyRevision: 1 }), { policyRevision: 2 })).toEqual({ prompt: true, reason: 'policy_changed' })
  })

  it('asks again when the purposes or services changed', () => {
    expect(ask(decision({ method: 'accept_all' }), { purposes: CHANGED })).toEqual({ prompt: true, reason: 'purposes_changed' })
  })

  it('EU-14: a refusal is not re-prompted within 6 months on a mere revision bump', () => {
    const refused = decision({ method: 'reject_all' })
    expect(ask(refused, { policyRevision: 2, now: NOW + 181 * DAY })).toEqual({ prompt: false, reason: 'refusal_quiet_period' })
    expect(ask(refused, { policyRevision: 2, now: NOW + 183 * DAY })).toEqual({ prompt: true, reason: 'policy_changed' })
  })

  it('EU-14: a refusal is re-prompted inside 6 months when purposes or services changed', () => {
    const refused = decision({ method: 'reject_all' })
    expect(ask(refused, { purposes: CHANGED, now: NOW + 10 * DAY })).toEqual({ prompt: true, reason: 'purposes_changed' })
  })

  it('EU-14: a refusal persists as long as a consent would, and quiet periods outlast a short lifetime', () => {
    const refused = decision({ method: 'reject_all' })
    expect(ask(refused, { now: NOW + 300 * DAY }).prompt).toBe(false)
    expect(ask(refused, { now: NOW + 100 * DAY, lifetimeDays: 30 })).toEqual({ prompt: false, reason: 'refusal_quiet_period' })
  })

  it('CA-07: never asks within 12 months of a US opt-out, even after a revision bump or purpose change', () => {
    const optedOut = decision({ method: 'dns_link', picks: { doNotSell: true }, regime: 'opt_out', jurisdiction: 'US-CA' })
    for (const day of [1, 100, 364]) {
      expect(ask(optedOut, { regime: 'opt_out', policyRevision: 9, purposes: CHANGED, now: NOW + day * DAY })).toEqual({
        prompt: false,
        reason: 'opt_out_quiet_period',
      })
    }
    expect(ask(optedOut, { regime: 'opt_out', policyRevision: 9, now: NOW + 366 * DAY }).prompt).toBe(true)
  })

  it('asks again when a decision claims to come from the future', () => {
    expect(ask(decision({ method: 'reject_all', now: NOW + 5 * DAY }))).toEqual({ prompt: true, reason: 'expired' })
  })
})
