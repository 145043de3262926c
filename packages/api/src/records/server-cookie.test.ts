import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeConsentCookie, offeredPurposes, purposesFingerprint } from '@consentry/shared'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { consentBody, postConsent, sampleConfig, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

describe('server-set consent cookie', () => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi('sqlite')
  })
  afterEach(async () => {
    await api.db.cleanup()
  })

  async function siteWith(consent: Record<string, unknown>): Promise<PublishedSite> {
    const created = await api.admin('POST', '/v1/admin/sites', { name: 'Shop', allowedOrigins: ['https://shop.example'] })
    const { id } = (await created.json()) as { id: string }
    const config = sampleConfig(id, { consent })
    const published = await api.admin('POST', `/v1/admin/sites/${id}/config-versions`, config)
    expect(published.status).toBe(201)
    const version = (await published.json()) as { id: string; hash: string }
    return { siteId: id, versionId: version.id, configHash: version.hash }
  }

  it('sets the consent cookie on the site domain for its full lifetime, with the state the banner stores', async () => {
    const site = await siteWith({ serverCookie: true, cookieDomain: 'shop.example', lifetimeDays: 180 })
    const body = consentBody(site, { method: 'reject_all', categories: { functional: false, analytics: false, advertising: false }, doNotSell: true })
    const res = await postConsent(api, body, { origin: 'https://shop.example' })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    const header = res.headers.get('set-cookie') ?? ''
    expect(header).toMatch(/^consentry=/)
    expect(header).toContain('Max-Age=15552000')
    expect(header).toMatch(/Domain=shop\.example/i)
    expect(header).toMatch(/SameSite=Lax/i)
    expect(header).toMatch(/Secure/)
    const value = decodeURIComponent(header.slice('consentry='.length, header.indexOf(';')))
    const state = decodeConsentCookie(value)
    const config = siteConfigSchema.parse(sampleConfig(site.siteId))
    expect(state).toMatchObject({
      visitorId: body.visitorId,
      method: 'reject_all',
      doNotSell: true,
      categories: { functional: false, analytics: false, advertising: false },
      purposes: purposesFingerprint(offeredPurposes(config)),
      jurisdiction: 'DE',
    })
  })

  it('sets no cookie unless the site asked for it', async () => {
    const site = await siteWith({})
    const res = await postConsent(api, consentBody(site), { origin: 'https://shop.example' })
    expect(res.status).toBe(201)
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})
