import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consentBody, postConsent, publishedSite, STORES, testApi, type PublishedSite, type TestApi } from './helpers'

type Json = Record<string, any>

describe.each(STORES)('client-stated facts, cross-checked (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(async () => api.db.cleanup())

  const refused = async (overrides: Record<string, unknown>) => {
    const res = await postConsent(api, consentBody(site, overrides))
    expect(res.status, JSON.stringify(overrides)).toBe(400)
    return ((await res.json()) as Json).error.details[0].path as string
  }

  it('refuses the impossible with a 400 naming the field, and stores nothing', async () => {
    expect(await refused({ policyRevision: 999 })).toBe('policyRevision')
    expect(await refused({ method: 'reject_all', categories: { functional: true, analytics: true, advertising: true } })).toBe('categories.functional')
    expect(await refused({ decidedAt: Date.UTC(2200, 0, 1) })).toBe('decidedAt')
    expect(await refused({ decidedAt: 8.64e15 })).toBe('decidedAt')
    // Decided before the configuration it names was published.
    expect(await refused({ decidedAt: Date.UTC(2001, 0, 1) })).toBe('decidedAt')
    expect(await api.db.store.countConsents(site.siteId)).toBe(0)
    // The possible still passes: a reject_all that grants nothing, a clock a little behind.
    expect(
      (
        await postConsent(
          api,
          consentBody(site, { method: 'reject_all', categories: { functional: false, analytics: false, advertising: false }, decidedAt: Date.now() - 60_000 }),
        )
      ).status,
    ).toBe(201)
  })

  it("keeps both the banner's jurisdiction and the server's view where they differ", async () => {
    const visitorId = '4'.repeat(32)
    expect((await postConsent(api, consentBody(site, { visitorId, jurisdiction: 'DE' }), { 'cf-ipcountry': 'US', 'cf-region-code': 'CA' })).status).toBe(201)
    expect((await postConsent(api, consentBody(site, { visitorId, jurisdiction: 'DE' }))).status).toBe(201)
    const { records } = (await (await api.app.request(`/v1/consents?visitorId=${visitorId}`)).json()) as Json
    expect(records.map((r: Json) => [r.jurisdiction, r.serverJurisdiction])).toEqual([
      ['DE', 'US-CA'],
      ['DE', null],
    ])
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json).valid).toBe(true)
  })
})
