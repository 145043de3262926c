import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { identityProof, verifyIdentityProof } from '../src/records/identity-proof'
import {
  consentBody,
  identitySecret,
  jsonInit,
  postConsent,
  publishedSite,
  rawQuery,
  SHOP_ORIGIN,
  STORES,
  testApi,
  type PublishedSite,
  type TestApi,
} from './helpers'

type Json = Record<string, any>
const USER = 'user-42'

describe.each(STORES)('externalUserId proof and server-side writes (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(async () => api.db.cleanup())

  const issue = async (res: Response) => ((await res.json()) as Json).error.details?.[0]?.path

  it('refuses an externalUserId without a valid proof from the site’s backend, and records a proven one as verified', async () => {
    const planted = await postConsent(api, consentBody(site, { externalUserId: USER, method: 'withdraw' }))
    expect(planted.status).toBe(400)
    expect(await issue(planted)).toBe('externalUserId')

    const prove = await identitySecret(api, site)
    for (const proof of [undefined, '0'.repeat(64), prove('user-43')]) {
      const res = await postConsent(api, consentBody(site, { externalUserId: USER, externalUserProof: proof }))
      expect(res.status).toBe(400)
      expect(await issue(res)).toBe('externalUserProof')
    }
    const proven = await postConsent(api, consentBody(site, { externalUserId: USER, externalUserProof: prove(USER) }))
    expect(proven.status).toBe(201)
    const exported = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/export`, { externalUserId: USER })).json()) as Json
    expect(exported.records).toHaveLength(1)
    expect(exported.records[0]).toMatchObject({ externalUserId: USER, externalUserVerified: true })
    // The flag is part of the chained record: flipping it in the database breaks verification.
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json).valid).toBe(true)
    await rawQuery(kind, api.db.location, `update consents set external_user_verified = ${kind === 'sqlite' ? '0' : 'false'}`)
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json).firstBroken.reason).toBe('hash_mismatch')
  })

  it('shows the identity secret once; rotating it voids the old proofs', async () => {
    const prove = await identitySecret(api, site)
    expect(JSON.stringify(await (await api.admin('GET', `/v1/admin/sites/${site.siteId}`)).json())).not.toContain('cis_')
    const again = await identitySecret(api, site)
    expect((await postConsent(api, consentBody(site, { externalUserId: USER, externalUserProof: prove(USER) }))).status).toBe(400)
    expect((await postConsent(api, consentBody(site, { externalUserId: USER, externalUserProof: again(USER) }))).status).toBe(201)
  })

  it('a write without an Origin header needs an API key for the site', async () => {
    const bare = await api.app.request('/v1/consents', jsonInit('POST', consentBody(site)))
    expect(bare.status).toBe(401)
    expect(((await bare.json()) as Json).error.message).toContain('Origin')
    const keyed = await api.app.request('/v1/consents', jsonInit('POST', consentBody(site), { authorization: `Bearer ${api.adminKey}` }))
    expect(keyed.status).toBe(201)
    const other = await publishedSite(api)
    const scoped = (await (await api.admin('POST', '/v1/admin/keys', { label: 'other', siteIds: [other.siteId] })).json()) as Json
    const wrongSite = await api.app.request('/v1/consents', jsonInit('POST', consentBody(site), { authorization: `Bearer ${scoped.key}` }))
    expect(wrongSite.status).toBe(403)
    expect((await postConsent(api, consentBody(site), { origin: SHOP_ORIGIN })).status).toBe(201)
    expect(await api.db.store.countConsents(site.siteId)).toBe(2)
  })
})

describe('identity proof', () => {
  it('is the HMAC-SHA256 of the id, checked whole', () => {
    const proof = identityProof('cis_secret', USER)
    expect(proof).toMatch(/^[0-9a-f]{64}$/)
    expect(verifyIdentityProof('cis_secret', USER, proof)).toBe(true)
    expect(verifyIdentityProof('cis_other', USER, proof)).toBe(false)
    expect(verifyIdentityProof('cis_secret', USER, proof.slice(0, 62))).toBe(false)
  })
})
