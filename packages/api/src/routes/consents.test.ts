import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentReceipt } from '@consentry/shared'
import { verifyReceipt } from '../records/signing'
import { serviceIdSchema } from '@consentry/shared/schemas'
import { consentBody, postConsent, publishedSite, rawQuery, sampleConfig, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

describe.each(STORES)('consents (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind, { trustProxy: true })
    site = await publishedSite(api)
  })
  afterEach(async () => api.db.cleanup())

  it('returns a receipt whose signature verifies with the published key', async () => {
    const res = await postConsent(api, consentBody(site))
    expect(res.status).toBe(201)
    const receipt = (await res.json()) as ConsentReceipt
    expect(receipt.id).toMatch(/^cns_[a-z0-9]{20}$/)
    expect(Math.abs(receipt.receivedAt - Date.now())).toBeLessThan(10_000)
    const keys = (await (await api.app.request('/v1/keys')).json()) as { keys: { keyId: string; publicKey: string }[] }
    expect(keys.keys[0]!.keyId).toBe(receipt.keyId)
    expect(verifyReceipt(receipt, keys.keys[0]!.publicKey)).toBe(true)
    expect(verifyReceipt({ ...receipt, hash: receipt.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, keys.keys[0]!.publicKey)).toBe(false)
  })

  it('signs a batch once: concurrent writes share a root, each with its own inclusion proof', async () => {
    // Warm the site and configuration caches, so the concurrent writes reach the queue in the same turn.
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    const responses = await Promise.all(Array.from({ length: 7 }, () => postConsent(api, consentBody(site))))
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as ConsentReceipt[]
    const keys = (await (await api.app.request('/v1/keys')).json()) as { keys: { publicKey: string }[] }
    const roots = new Set(receipts.map((r) => r.proof.root))
    expect(roots.size).toBeLessThan(receipts.length)
    for (const r of receipts) {
      expect(verifyReceipt(r, keys.keys[0]!.publicKey)).toBe(true)
      const other = receipts.find((o) => o.proof.root === r.proof.root && o.id !== r.id)
      // Another record's proof in the same batch does not lead from this hash to the signed root.
      if (other) expect(verifyReceipt({ ...r, proof: other.proof }, keys.keys[0]!.publicKey)).toBe(false)
    }
  })

  it('REC-01: stores every category and service explicitly, with the config hash and minimised client data', async () => {
    const res = await postConsent(api, consentBody(site, { visitorId: 'b'.repeat(32), services: { ads: true } }), {
      // The client's own entry first, then the one the trusted proxy appended.
      'x-forwarded-for': '10.9.9.9, 203.0.113.77',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36',
    })
    expect(res.status).toBe(201)
    const history = (await (await api.app.request(`/v1/consents?visitorId=${'b'.repeat(32)}`)).json()) as { records: Record<string, unknown>[] }
    expect(history.records).toHaveLength(1)
    const r = history.records[0]!
    expect(r.categories).toEqual({ essential: true, functional: true, analytics: true, advertising: false })
    expect(r.services).toEqual({ ga4: true, ads: true })
    expect(r.configHash).toBe(site.configHash)
    expect(r.configVersionId).toBe(site.versionId)
    expect(r.pageUrl).toBe('https://shop.example/cart')
    expect(r.ip).toBe('203.0.113.0')
    expect(r.userAgent).toBe('Chrome 120 / Windows')
    expect(r.jurisdiction).toBe('DE')
  })

  it('drops the IP entirely in drop mode', async () => {
    const dropping = await testApi(kind, { trustProxy: true, ipMode: 'drop' })
    try {
      const s = await publishedSite(dropping)
      await postConsent(dropping, consentBody(s, { visitorId: 'c'.repeat(32) }), { 'x-forwarded-for': '2001:db8:1234:5678::1' })
      const rows = await rawQuery(kind, dropping.db.location, 'select ip from consents')
      expect(rows).toEqual([{ ip: null }])
    } finally {
      await dropping.db.cleanup()
    }
  })

  it('truncates IPv6 to /48', async () => {
    await postConsent(api, consentBody(site, { visitorId: 'd'.repeat(32) }), { 'x-forwarded-for': '2001:db8:1234:5678::1' })
    const rows = await rawQuery(kind, api.db.location, 'select ip from consents')
    expect(rows).toEqual([{ ip: '2001:db8:1234::' }])
  })

  it('is idempotent on the client key: a retry returns the first receipt and stores nothing new', async () => {
    const body = consentBody(site)
    const first = await postConsent(api, body)
    const again = await postConsent(api, { ...body, decidedAt: Date.now() + 5 })
    const concurrent = await Promise.all([postConsent(api, body), postConsent(api, body)])
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    const a = (await first.json()) as ConsentReceipt
    const b = (await again.json()) as ConsentReceipt
    // The same record; its proof is of the batch that answered the retry.
    expect({ id: b.id, receivedAt: b.receivedAt, hash: b.hash }).toEqual({ id: a.id, receivedAt: a.receivedAt, hash: a.hash })
    const keys = (await (await api.app.request('/v1/keys')).json()) as { keys: { publicKey: string }[] }
    expect(verifyReceipt(b, keys.keys[0]!.publicKey)).toBe(true)
    for (const r of concurrent) expect(r.status).toBe(200)
    expect(await api.db.store.countConsents(site.siteId)).toBe(1)
  })

  it('deduplicates the same key inside one batch', async () => {
    const body = consentBody(site)
    const results = await Promise.all(Array.from({ length: 5 }, () => postConsent(api, body)))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 201])
    expect(await api.db.store.countConsents(site.siteId)).toBe(1)
  })

  it('REC-06: a withdrawal is a new record; the history keeps both', async () => {
    const visitorId = 'e'.repeat(32)
    await postConsent(api, consentBody(site, { visitorId, method: 'accept_all', categories: { functional: true, analytics: true, advertising: true } }))
    await postConsent(api, consentBody(site, { visitorId, method: 'withdraw', categories: { functional: false, analytics: false, advertising: false } }))
    const history = (await (await api.app.request(`/v1/consents?visitorId=${visitorId}&siteId=${site.siteId}`)).json()) as {
      records: { method: string; hash: string; prevHash: string }[]
    }
    expect(history.records.map((r) => r.method)).toEqual(['accept_all', 'withdraw'])
    expect(history.records[1]!.prevHash).toBe(history.records[0]!.hash)
  })

  it('REC-01: a refusal produces a record with every purpose denied', async () => {
    const visitorId = 'f'.repeat(32)
    const res = await postConsent(
      api,
      consentBody(site, { visitorId, method: 'reject_all', categories: { functional: false, analytics: false, advertising: false } }),
    )
    expect(res.status).toBe(201)
    const history = (await (await api.app.request(`/v1/consents?visitorId=${visitorId}`)).json()) as { records: { services: unknown; categories: unknown }[] }
    expect(history.records[0]!.services).toEqual({ ga4: false, ads: false })
  })

  it.each([
    ['1', true],
    ['0', false],
    ['true', false],
    ['1, 0', true],
    ['0, 1', true],
  ])('GPC-02: Sec-GPC %j is recorded as %s (only exactly "1" counts)', async (header, expected) => {
    const visitorId = '1'.repeat(32)
    await postConsent(api, consentBody(site, { visitorId }), { 'sec-gpc': header })
    const rows = await rawQuery(kind, api.db.location, 'select sec_gpc from consents where visitor_id = $1', [visitorId])
    expect(Boolean(rows[0]!.sec_gpc)).toBe(expected)
  })

  it('names the field on bad input', async () => {
    const res = await postConsent(api, consentBody(site, { categories: { functional: 'yes', analytics: true, advertising: false } }))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } }
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.details.map((d) => d.path)).toContain('categories.functional')
  })

  it('rejects an unknown service or a config version of another site', async () => {
    const other = await publishedSite(api)
    const unknownService = await postConsent(api, consentBody(site, { services: { nope: true } }))
    expect(unknownService.status).toBe(400)
    expect(((await unknownService.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('services.nope')
    const wrongVersion = await postConsent(api, consentBody(site, { configVersionId: other.versionId }))
    expect(wrongVersion.status).toBe(400)
    expect(await api.db.store.countConsents(site.siteId)).toBe(0)
  })

  it('a service id named like an Object.prototype member is an ordinary id: refused when unknown, recorded as chosen when configured', async () => {
    const names = Object.getOwnPropertyNames(Object.prototype)
    // `__proto__` never reaches a lookup: the validator drops that key (zod's own guard), so only the configured services are stored.
    for (const name of names.filter((n) => n !== '__proto__')) {
      const res = await postConsent(api, consentBody(site, { services: { [name]: true } }))
      expect(res.status, name).toBe(400)
    }
    expect(await api.db.store.countConsents(site.siteId)).toBe(0)
    const proto = await postConsent(api, consentBody(site, { visitorId: 'd'.repeat(32), services: JSON.parse('{"__proto__":true}') as unknown }))
    expect(proto.status).toBe(201)
    const protoHistory = (await (await api.app.request(`/v1/consents?visitorId=${'d'.repeat(32)}`)).json()) as { records: { services: unknown }[] }
    expect(protoHistory.records.map((r) => r.services)).toEqual([{ ga4: true, ads: false }])

    // The names that are valid service ids (`constructor`) published as services of their own.
    const ids = names.filter((name) => serviceIdSchema.safeParse(name).success)
    expect(ids).toContain('constructor')
    const service = (id: string) => ({
      id,
      name: id,
      provider: 'P',
      category: 'analytics' as const,
      purpose: 'x',
      privacyPolicyUrl: 'https://p.example/privacy',
      storage: [],
    })
    const published = await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, sampleConfig(site.siteId, { services: ids.map(service) }))
    expect(published.status).toBe(201)
    const versionId = ((await published.json()) as { id: string }).id
    const visitorId = 'c'.repeat(32)
    const refused = await postConsent(
      api,
      consentBody(site, { visitorId, configVersionId: versionId, categories: { functional: false, analytics: false, advertising: false }, services: {} }),
    )
    expect(refused.status).toBe(201)
    const granted = await postConsent(api, consentBody(site, { visitorId, configVersionId: versionId, services: { constructor: true } }))
    expect(granted.status).toBe(201)
    const history = (await (await api.app.request(`/v1/consents?visitorId=${visitorId}`)).json()) as { records: { services: Record<string, unknown> }[] }
    expect(history.records.map((r) => r.services)).toEqual([Object.fromEntries(ids.map((id) => [id, false])), Object.fromEntries(ids.map((id) => [id, true]))])
  })

  it('answers 404 for an unknown site and 413 for an oversized body', async () => {
    const unknown = await postConsent(api, consentBody(site, { siteId: 'site_doesnotexist' }))
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('site_not_found')
    const huge = await postConsent(api, consentBody(site, { bannerVersion: 'x'.repeat(40_000) }))
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })

  it('refuses writes from an origin the site does not allow, and allows its own', async () => {
    const evil = await postConsent(api, consentBody(site), { origin: 'https://evil.example' })
    expect(evil.status).toBe(403)
    const good = await postConsent(api, consentBody(site), { origin: 'https://shop.example' })
    expect(good.status).toBe(201)
    expect(good.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const preflight = await api.app.request('/v1/consents', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const evilPreflight = await api.app.request('/v1/consents', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })
    expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('rate-limits public writes per client and site with 429 and Retry-After', async () => {
    const limited = await testApi(kind, { trustProxy: true, rateLimit: { burst: 3, perSecond: 0.5 } })
    try {
      const s = await publishedSite(limited)
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await postConsent(limited, consentBody(s), { 'x-forwarded-for': '198.51.100.7' })).status)
      expect(statuses).toEqual([201, 201, 201, 429, 429])
      const res = await postConsent(limited, consentBody(s), { 'x-forwarded-for': '198.51.100.7' })
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      // Another client is not affected.
      expect((await postConsent(limited, consentBody(s), { 'x-forwarded-for': '198.51.100.8' })).status).toBe(201)
      // A client's own X-Forwarded-For entry does not buy it a fresh bucket: the proxy's hop is what counts.
      expect((await postConsent(limited, consentBody(s), { 'x-forwarded-for': '192.0.2.123, 198.51.100.7' })).status).toBe(429)
      // Nor does another address in the same IPv6 /64.
      for (let i = 1; i <= 3; i++) expect((await postConsent(limited, consentBody(s), { 'x-forwarded-for': `2001:db8:5:6::${i}` })).status).toBe(201)
      expect((await postConsent(limited, consentBody(s), { 'x-forwarded-for': '2001:db8:5:6:ffff::9' })).status).toBe(429)
    } finally {
      await limited.db.cleanup()
    }
  })

  it('sets the API security headers on every response, errors included; document headers only on what a browser renders or runs', async () => {
    const json = [await postConsent(api, {}), await api.app.request('/v1/keys'), await api.app.request('/nope'), await api.app.request('/v1/openapi.json')]
    const docs = await api.app.request('/docs')
    for (const res of [...json, docs]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('strict-transport-security')).toContain('max-age')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
    // No caching unless a route has its own policy (the public keys may be cached for an hour).
    for (const res of [json[0]!, json[2]!, docs]) expect(res.headers.get('cache-control')).toBe('no-store')
    expect(json[1]!.headers.get('cache-control')).toBe('public, max-age=3600')
    for (const res of json) expect(res.headers.get('referrer-policy')).toBeNull()
    expect(docs.headers.get('referrer-policy')).toBe('no-referrer')
    expect(docs.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  })
})
