import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consentBody, postConsent, publishedSite, rawQuery, sampleConfig, STORES, testApi, type TestApi } from '../../test/helpers'

type Json = Record<string, any>

describe.each(STORES)('admin endpoints the console uses (%s)', (kind) => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi(kind)
  })
  afterEach(async () => api.db.cleanup())

  it('lists keys without their secrets, with their scope and revocation time', async () => {
    const site = await publishedSite(api)
    const scoped = (await (await api.admin('POST', '/v1/admin/keys', { label: 'shop only', siteIds: [site.siteId] })).json()) as Json
    await api.admin('DELETE', `/v1/admin/keys/${scoped.id}`)
    const res = await api.admin('GET', '/v1/admin/keys')
    expect(res.status).toBe(200)
    const { keys } = (await res.json()) as Json
    expect(keys.map((k: Json) => [k.label, k.siteIds, k.revokedAt === null, k.current])).toEqual([
      ['test admin', null, true, true],
      ['shop only', [site.siteId], false, false],
    ])
    expect(JSON.stringify(keys)).not.toContain(scoped.key)
    expect(JSON.stringify(keys)).not.toMatch(/secret/i)
  })

  it('lets only all-sites keys list keys', async () => {
    const site = await publishedSite(api)
    const scoped = (await (await api.admin('POST', '/v1/admin/keys', { label: 'shop only', siteIds: [site.siteId] })).json()) as Json
    expect((await api.admin('GET', '/v1/admin/keys', undefined, scoped.key)).status).toBe(403)
  })

  it('deletes a site without records when the confirmation names it, and its configuration goes with it', async () => {
    const site = await publishedSite(api)
    const wrong = await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`, { confirm: 'site_other0001' })
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as Json).error.details[0].path).toBe('confirm')
    expect((await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`)).status).toBe(400)
    const res = await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`, { confirm: site.siteId })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ siteId: site.siteId, deleted: true })
    expect((await api.admin('GET', `/v1/admin/sites/${site.siteId}`)).status).toBe(404)
    expect((await api.app.request(`/v1/sites/${site.siteId}/config`)).status).toBe(404)
    expect(await rawQuery(kind, api.db.location, 'select id from config_versions where site_id = $1', [site.siteId])).toEqual([])
  })

  it('refuses to delete a site whose records are within retention, and keeps everything', async () => {
    const site = await publishedSite(api, { retentionDays: 30 })
    expect((await postConsent(api, consentBody(site), { origin: 'https://shop.example' })).status).toBe(201)
    await api.served.drain()
    const res = await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`, { confirm: site.siteId })
    expect(res.status).toBe(409)
    const body = (await res.json()) as Json
    expect(body.error).toMatchObject({ code: 'site_has_records', details: { records: 1, retentionDays: 30 } })
    expect((await api.admin('GET', `/v1/admin/sites/${site.siteId}`)).status).toBe(200)
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json).valid).toBe(true)
  })

  it('deletes a site once its records have passed retention, purging them first', async () => {
    const site = await publishedSite(api, { retentionDays: 1 })
    expect((await postConsent(api, consentBody(site), { origin: 'https://shop.example' })).status).toBe(201)
    await api.served.drain()
    await rawQuery(kind, api.db.location, 'update consents set received_at = received_at - $1 where site_id = $2', [2 * 86_400_000, site.siteId])
    const res = await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`, { confirm: site.siteId })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ deleted: true, purged: 1 })
  })

  it('only lets all-sites keys delete sites', async () => {
    const site = await publishedSite(api)
    const scoped = (await (await api.admin('POST', '/v1/admin/keys', { label: 'shop only', siteIds: [site.siteId] })).json()) as Json
    expect((await api.admin('DELETE', `/v1/admin/sites/${site.siteId}`, { confirm: site.siteId }, scoped.key)).status).toBe(403)
  })

  it('reports opt-out and GPC rates per day, jurisdiction and method, computed by the database', async () => {
    const site = await publishedSite(api)
    const post = (o: Record<string, unknown>) => postConsent(api, consentBody(site, o), { origin: 'https://shop.example' })
    await post({ jurisdiction: 'US-CA', method: 'dns_link', doNotSell: true, gpc: true, categories: { functional: true, analytics: true, advertising: false } })
    await post({
      jurisdiction: 'US-CA',
      method: 'dns_link',
      doNotSell: true,
      gpc: false,
      categories: { functional: true, analytics: false, advertising: false },
    })
    await post({
      jurisdiction: 'US-CA',
      method: 'dns_link',
      doNotSell: false,
      gpc: false,
      categories: { functional: true, analytics: false, advertising: true },
    })
    await post({ jurisdiction: 'DE', method: 'reject_all', categories: { functional: false, analytics: false, advertising: false } })
    await api.served.drain()
    const res = await api.admin('GET', `/v1/admin/sites/${site.siteId}/stats`)
    const { rows } = (await res.json()) as Json
    const ca = rows.find((r: Json) => r.jurisdiction === 'US-CA')
    expect(ca).toMatchObject({ method: 'dns_link', decisions: 3 })
    expect(ca.optOutRate).toBeCloseTo(2 / 3)
    expect(ca.gpcRate).toBeCloseTo(1 / 3)
    expect(ca.grantRate.analytics).toBeCloseTo(1 / 3)
    expect(rows.find((r: Json) => r.jurisdiction === 'DE')).toMatchObject({ decisions: 1, optOutRate: 0, gpcRate: 0 })
  })
})

describe.each(STORES)('config checks and record details (%s)', (kind) => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi(kind)
  })
  afterEach(async () => api.db.cleanup())

  it('judges a draft configuration as publishing would, without publishing it', async () => {
    const site = await publishedSite(api)
    const draft = sampleConfig(site.siteId, { policy: { revision: 2, url: 'not a url' } })
    const bad = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-checks`, draft)).json()) as Json
    expect(bad.valid).toBe(false)
    const refused = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, draft)).json()) as Json
    expect(bad.issues).toEqual(refused.error.details)
    const good = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-checks`, sampleConfig(site.siteId))).json()) as Json
    expect(good).toMatchObject({ valid: true, hash: site.configHash })
    expect(good.config.appearance.layout).toBe('bar')
    expect((await api.admin('GET', `/v1/admin/sites/${site.siteId}/config-versions`)).status).toBe(200)
    expect((((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/config-versions`)).json()) as Json).versions as unknown[]).length).toBe(1)
  })

  it('shows a record with its chain position, a signed receipt that verifies, and a broken link when tampered', async () => {
    const site = await publishedSite(api)
    for (let i = 0; i < 3; i++) await postConsent(api, consentBody(site), { origin: 'https://shop.example' })
    await api.served.drain()
    const { items } = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents`)).json()) as Json
    const res = await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/${items[1].id}`)
    expect(res.status).toBe(200)
    const detail = (await res.json()) as Json
    expect(detail.chain).toMatchObject({ position: 2, total: 3, previousId: items[0].id, expectedPrevHash: items[0].hash, valid: true })
    const { keys } = (await (await api.app.request('/v1/keys')).json()) as Json
    const { verifyReceipt } = await import('../records/signing')
    expect(verifyReceipt(detail.receipt, keys[0].publicKey)).toBe(true)
    expect(verifyReceipt({ ...detail.receipt, hash: items[0].hash }, keys[0].publicKey)).toBe(false)
    await rawQuery(kind, api.db.location, 'update consents set jurisdiction = $1 where id = $2', ['FR', items[1].id])
    const tampered = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/${items[1].id}`)).json()) as Json
    expect(tampered.chain).toMatchObject({ valid: false, problem: 'hash_mismatch' })
    expect((await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/cns_missing`)).status).toBe(404)
  })
})

describe('record details beside the log routes', () => {
  it('leaves /consents/export to the export', async () => {
    const api = await testApi('sqlite')
    try {
      const site = await publishedSite(api)
      const res = await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/export?format=csv`)
      expect(res.status).toBe(200)
      expect(await res.text()).toMatch(/^id,receivedAt,siteId/)
    } finally {
      await api.db.cleanup()
    }
  })
})
