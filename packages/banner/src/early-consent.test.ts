import { beforeEach, describe, expect, it } from 'vitest'
import { decide, encodeConsentCookie } from '@consentry/shared'
import { earlyConsent } from './early-consent'
import { cleanPage } from './testing/site'

const offered = { categories: ['essential', 'analytics', 'advertising'] as const, services: [{ id: 'ga4', category: 'analytics' as const }] }
function store(method: 'accept_all' | 'reject_all', jurisdiction: string, regime: 'opt_in' | 'opt_out') {
  const state = decide({
    method,
    previous: null,
    visitorId: '0123456789abcdef0123456789abcdef',
    offered: { ...offered, categories: [...offered.categories] },
    policyRevision: 1,
    regime,
    jurisdiction,
    gpc: false,
    now: 1,
  })
  document.cookie = `consentry=${encodeConsentCookie(state)}; path=/`
}

beforeEach(() => cleanPage())

describe('earlyConsent', () => {
  it('is null without a valid stored choice (tags wait, denied)', () => {
    expect(earlyConsent('consentry')).toBeNull()
    document.cookie = 'consentry=garbage; path=/'
    expect(earlyConsent('consentry')).toBeNull()
  })

  it('applies a stored refusal from the EU', () => {
    store('reject_all', 'DE', 'opt_in')
    expect(earlyConsent('consentry', offered.services)).toMatchObject({
      decided: true,
      categories: { analytics: false, advertising: false },
      services: { ga4: false },
    })
  })

  it('applies a stored acceptance made under a US opt-out regime', () => {
    store('accept_all', 'US-CA', 'opt_out')
    expect(earlyConsent('consentry', offered.services)).toMatchObject({
      decided: true,
      categories: { analytics: true, advertising: true },
      services: { ga4: true },
    })
  })
})
