import { describe, expect, it } from 'vitest'
import { decide } from '@consentry/shared'
import { consentInputSchema } from '@consentry/shared/schemas'
import { toConsentInput } from './consent-input'

const STATE = decide({
  method: 'reject_all',
  previous: null,
  visitorId: '0123456789abcdef0123456789abcdef',
  offered: { categories: ['essential', 'functional', 'analytics', 'advertising'], services: [] },
  policyRevision: 1,
  regime: 'opt_in',
  jurisdiction: 'DE',
  gpc: false,
  now: 1,
})
const base = { idempotencyKey: 'k'.repeat(16), state: STATE, pageUrl: 'https://shop.example/', bannerVersion: '0.1.0' }

describe('toConsentInput', () => {
  it('sends a signed-in user id with the proof the site passed to init(), and neither without an id', () => {
    const proof = 'a'.repeat(64)
    const withId = toConsentInput({
      ...base,
      context: { siteId: 'site_test0001', configVersionId: 'cfg_1', locale: 'en', externalUserId: 'user-42', externalUserProof: proof },
    })
    expect(withId).toMatchObject({ externalUserId: 'user-42', externalUserProof: proof })
    expect(consentInputSchema.safeParse(withId).success).toBe(true)
    const anonymous = toConsentInput({ ...base, context: { siteId: 'site_test0001', configVersionId: 'cfg_1', locale: 'en', externalUserProof: proof } })
    expect(anonymous).not.toHaveProperty('externalUserId')
    expect(anonymous).not.toHaveProperty('externalUserProof')
  })
})
