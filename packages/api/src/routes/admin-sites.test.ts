import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONFIG_MAX_BYTES, MAX_STORAGE_ITEMS } from '@consentry/shared/schemas'
import { publishedSite, sampleConfig, STORES, testApi, type TestApi } from '../../test/helpers'

type Json = Record<string, any>

describe.each(STORES)('admin sites and keys (%s)', (kind) => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi(kind)
  })
  afterEach(async () => api.db.cleanup())

  it('creates, reads, lists and updates a site', async () => {
    const created = await api.admin('POST', '/v1/admin/sites', { name: 'Blog', allowedOrigins: ['https://blog.example'], retentionDays: 730 })
    expect(created.status).toBe(201)
    const site = (await created.json()) as Json
    expect(site.id).toMatch(/^site_[a-z0-9]{20}$/)
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.id}`)).json()) as Json).name).toBe('Blog')
    const patched = await api.admin('PATCH', `/v1/admin/sites/${site.id}`, { name: 'Journal', retentionDays: null })
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({ name: 'Journal', retentionDays: null, allowedOrigins: ['https://blog.example'] })
    const list = (await (await api.admin('GET', '/v1/admin/sites')).json()) as Json
    expect(list.sites.map((s: Json) => s.id)).toEqual([site.id])
    expect((await api.admin('GET', '/v1/admin/sites/site_missing1')).status).toBe(404)
  })

  it('keeps names and labels exactly as sent: any Unicode text, but no control character or lone surrogate', async () => {
    const name = 'Zoë’s Café 🍰 日本'
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name, allowedOrigins: [] })).json()) as Json
    expect(((await (await api.admin('GET', `/v1/admin/sites/${created.id}`)).json()) as Json).name).toBe(name)
    for (const bad of ['tab\there', 'lone\ud800', '\udc00first']) {
      for (const [method, path, body, field] of [
        ['POST', '/v1/admin/sites', { name: bad, allowedOrigins: [] }, 'name'],
        ['PATCH', `/v1/admin/sites/${created.id}`, { name: bad }, 'name'],
        ['POST', '/v1/admin/keys', { label: bad }, 'label'],
      ] as const) {
        const res = await api.admin(method, path, body)
        expect(res.status).toBe(400)
        expect(((await res.json()) as Json).error.details.map((d: Json) => d.path)).toEqual([field])
      }
    }
    expect(((await (await api.admin('GET', `/v1/admin/sites/${created.id}`)).json()) as Json).name).toBe(name)
  })

  it('publishes immutable, hashed, numbered versions and lists them', async () => {
    const site = await publishedSite(api)
    const v2 = await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, sampleConfig(site.siteId, { name: 'Second' }))
    expect(v2.status).toBe(201)
    const list = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/config-versions`)).json()) as Json
    expect(list.versions.map((v: Json) => v.version)).toEqual([1, 2])
    expect(list.versions[0].hash).toBe(site.configHash)
    const first = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/config-versions/${site.versionId}`)).json()) as Json
    expect(first.config.name).toBe('Example shop')
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}`)).json()) as Json).publishedVersionId).toBe(list.versions[1].id)
  })

  it('rejects an invalid configuration naming the field, and one for another site', async () => {
    const site = await publishedSite(api)
    const bad = sampleConfig(site.siteId) as Json
    bad.services[0].privacyPolicyUrl = 'javascript:alert(1)'
    const res = await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, bad)
    expect(res.status).toBe(400)
    expect(((await res.json()) as Json).error.details.map((d: Json) => d.path)).toContain('services.0.privacyPolicyUrl')
    const wrong = await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, sampleConfig('site_another1'))
    expect(wrong.status).toBe(400)
  })

  it('the largest configuration the schema allows publishes within the body limit; more storage items or bytes get a 400 naming the field', async () => {
    const site = await publishedSite(api)
    const publish = (config: unknown) => api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, config)
    /** 200 services at their longest, sharing `items` storage items (defaults spelled out) with `description`-long descriptions. */
    const build = (items: number, description: number) => ({
      ...sampleConfig(site.siteId),
      services: Array.from({ length: 200 }, (_, i) => ({
        id: `svc-${i}`,
        name: 'N'.repeat(200),
        provider: 'P'.repeat(200),
        category: 'analytics' as const,
        purpose: 'U'.repeat(1000),
        privacyPolicyUrl: 'https://example.com/privacy',
        storage: Array.from({ length: Math.floor(items / 200) + (i < items % 200 ? 1 : 0) }, (_, j) => ({
          name: `c${i}_${j}`.padEnd(200, 'x'),
          match: 'exact' as const,
          kind: 'cookie' as const,
          domain: '.example.com',
          lifetime: 31_536_000,
          description: 'D'.repeat(description),
          party: 'third' as const,
          httpOnly: false,
        })),
      })),
    })
    const size = (config: unknown) => Buffer.byteLength(JSON.stringify(config))
    // As many storage items as allowed, with the longest descriptions that keep the whole within CONFIG_MAX_BYTES.
    let description = 1000
    while (size(build(MAX_STORAGE_ITEMS, description)) > CONFIG_MAX_BYTES - 2048) description -= 1
    expect(CONFIG_MAX_BYTES).toBeLessThan(1024 * 1024) // the admin body limit
    expect((await publish(build(MAX_STORAGE_ITEMS, description))).status).toBe(201)

    const overCount = await publish(build(MAX_STORAGE_ITEMS + 1, 10))
    expect(overCount.status).toBe(400)
    expect(((await overCount.json()) as Json).error.details.map((d: Json) => d.path)).toEqual(['services'])

    // Within every per-field limit and the body limit, but more bytes than a configuration may hold.
    while (size(build(MAX_STORAGE_ITEMS, description)) < CONFIG_MAX_BYTES + 2048) description += 1
    expect(size(build(MAX_STORAGE_ITEMS, description))).toBeLessThan(1024 * 1024 - 1024)
    const overBytes = await publish(build(MAX_STORAGE_ITEMS, description))
    expect(overBytes.status).toBe(400)
    expect(((await overBytes.json()) as Json).error.details.map((d: Json) => d.path)).toEqual(['services'])
  })

  it('answers 401 to a missing, malformed, wrong or revoked key', async () => {
    const noKey = await api.app.request('/v1/admin/sites')
    expect(noKey.status).toBe(401)
    expect(((await noKey.json()) as Json).error.code).toBe('unauthorized')
    expect((await api.app.request('/v1/admin/sites', { headers: { authorization: 'Basic abc' } })).status).toBe(401)
    expect((await api.admin('GET', '/v1/admin/sites', undefined, 'csk_wrongwrongwrongwrongwrongwrong')).status).toBe(401)
    const made = (await (await api.admin('POST', '/v1/admin/keys', { label: 'temp' })).json()) as Json
    expect((await api.admin('GET', '/v1/admin/sites', undefined, made.key)).status).toBe(200)
    expect((await api.admin('DELETE', `/v1/admin/keys/${made.id}`)).status).toBe(204)
    expect((await api.admin('GET', '/v1/admin/sites', undefined, made.key)).status).toBe(401)
  })

  it('stores keys hashed: the secret is nowhere in the database', async () => {
    const made = (await (await api.admin('POST', '/v1/admin/keys', { label: 'ci' })).json()) as Json
    const found = await api.db.store.findApiKeyBySecretHash(made.key)
    expect(found).toBeUndefined()
    expect(made.key).toMatch(/^csk_/)
  })

  it('a key for site A cannot read or change site B (403), nor create sites or keys', async () => {
    const a = await publishedSite(api)
    const b = await publishedSite(api)
    const scoped = (await (await api.admin('POST', '/v1/admin/keys', { label: 'A only', siteIds: [a.siteId] })).json()) as Json
    const as = (method: string, path: string, body?: unknown) => api.admin(method, path, body, scoped.key)
    expect((await as('GET', `/v1/admin/sites/${a.siteId}`)).status).toBe(200)
    for (const [method, path, body] of [
      ['GET', `/v1/admin/sites/${b.siteId}`],
      ['PATCH', `/v1/admin/sites/${b.siteId}`, { name: 'x' }],
      ['GET', `/v1/admin/sites/${b.siteId}/consents`],
      ['GET', `/v1/admin/sites/${b.siteId}/consents/export`],
      ['GET', `/v1/admin/sites/${b.siteId}/config-versions`],
      ['POST', `/v1/admin/sites/${b.siteId}/config-versions`, sampleConfig(b.siteId)],
      ['POST', `/v1/admin/sites/${b.siteId}/subjects/export`, { visitorId: 'a'.repeat(32) }],
      ['POST', `/v1/admin/sites/${b.siteId}/subjects/erase`, { visitorId: 'a'.repeat(32) }],
      ['GET', `/v1/admin/sites/${b.siteId}/verify`],
      ['GET', `/v1/admin/sites/${b.siteId}/stats`],
      ['POST', `/v1/admin/sites/${b.siteId}/purge`],
      ['GET', '/v1/admin/sites/site_nonexistent1'],
      ['POST', '/v1/admin/sites', { name: 'New' }],
      ['POST', '/v1/admin/keys', { label: 'escalate' }],
    ] as [string, string, unknown?][]) {
      const res = await as(method, path, body)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(((await res.json()) as Json).error.code).toBe('forbidden')
    }
    const list = (await (await as('GET', '/v1/admin/sites')).json()) as Json
    expect(list.sites.map((s: Json) => s.id)).toEqual([a.siteId])
  })
})
