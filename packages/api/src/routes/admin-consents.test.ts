import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consentBody, identitySecret, postConsent, publishedSite, rawQuery, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

type Json = Record<string, any>
const VISITOR = '5'.repeat(32)
const OTHER = '6'.repeat(32)

describe.each(STORES)('admin consent log (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
    const prove = await identitySecret(api, site)
    const bodies = [
      consentBody(site, { visitorId: VISITOR, method: 'accept_all', jurisdiction: 'DE', categories: { functional: true, analytics: true, advertising: true } }),
      consentBody(site, {
        visitorId: VISITOR,
        method: 'withdraw',
        jurisdiction: 'DE',
        externalUserId: 'user-42',
        externalUserProof: prove('user-42'),
        categories: { functional: false, analytics: false, advertising: false },
      }),
      consentBody(site, {
        visitorId: OTHER,
        method: 'reject_all',
        jurisdiction: 'US-CA',
        categories: { functional: false, analytics: false, advertising: false },
      }),
      consentBody(site, { visitorId: OTHER, method: 'custom', jurisdiction: 'US-CA', categories: { functional: true, analytics: false, advertising: false } }),
      consentBody(site, {
        visitorId: '7'.repeat(32),
        method: 'gpc',
        jurisdiction: 'US-CA',
        externalUserId: 'user-42',
        externalUserProof: prove('user-42'),
        categories: { functional: true, analytics: true, advertising: false },
      }),
    ]
    for (const b of bodies) expect((await postConsent(api, b)).status).toBe(201)
  })
  afterEach(async () => api.db.cleanup())

  const verify = async () => (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json

  it('filters by visitor, external user, jurisdiction, method and time', async () => {
    const q = async (query: string) => ((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents?${query}`)).json()) as Json).items as Json[]
    expect((await q(`visitorId=${VISITOR}`)).map((r) => r.method)).toEqual(['accept_all', 'withdraw'])
    expect((await q('externalUserId=user-42')).map((r) => r.method)).toEqual(['withdraw', 'gpc'])
    expect((await q('jurisdiction=US-CA')).length).toBe(3)
    expect((await q('method=reject_all')).map((r) => r.visitorId)).toEqual([OTHER])
    expect(await q(`from=${Date.now() + 60_000}`)).toEqual([])
    expect((await q(`to=${Date.now() + 60_000}`)).length).toBe(5)
    const bad = await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents?method=bribe`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as Json).error.details[0].path).toBe('method')
  })

  it('pages with a cursor until the log is exhausted', async () => {
    const seen: string[] = []
    let cursor: string | null = ''
    let pages = 0
    while (cursor !== null) {
      const res = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as Json
      seen.push(...res.items.map((r: Json) => r.id))
      cursor = res.nextCursor
      pages++
    }
    expect(pages).toBe(3)
    expect(new Set(seen).size).toBe(5)
  })

  it('exports NDJSON and CSV with every record', async () => {
    const nd = await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/export?format=ndjson`)
    expect(nd.headers.get('content-type')).toBe('application/x-ndjson')
    const lines = (await nd.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json)
    expect(lines.map((l) => l.method)).toEqual(['accept_all', 'withdraw', 'reject_all', 'custom', 'gpc'])
    const csv = await api.admin('GET', `/v1/admin/sites/${site.siteId}/consents/export?format=csv&jurisdiction=US-CA`)
    expect(csv.headers.get('content-disposition')).toContain('.csv')
    const rows = (await csv.text()).trim().split('\r\n')
    expect(rows[0]!.startsWith('id,receivedAt,siteId,visitorId')).toBe(true)
    expect(rows).toHaveLength(4)
    expect(rows[1]).toContain('"{""ads"":false,""ga4"":false}"')
  })

  it('REC-06: exports everything for a visitor or an external user', async () => {
    const res = await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/export`, { externalUserId: 'user-42' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    expect(body.records.map((r: Json) => r.method)).toEqual(['withdraw', 'gpc'])
    const both = (await (
      await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/export`, { visitorId: VISITOR, externalUserId: 'user-42' })
    ).json()) as Json
    expect(both.records.map((r: Json) => r.method)).toEqual(['accept_all', 'withdraw', 'gpc'])
    const none = await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/export`, {})
    expect(none.status).toBe(400)
  })

  it('REC-05: verifies an intact chain', async () => {
    expect(await verify()).toMatchObject({ valid: true, checked: 5, firstBroken: null })
  })

  it('REC-05: tampering with one row is caught and the row is named', async () => {
    const rows = await rawQuery(kind, api.db.location, 'select id from consents order by seq')
    const victim = rows[2]!.id as string
    await rawQuery(kind, api.db.location, `update consents set ${kind === 'sqlite' ? 'advertising = 1' : 'advertising = true'} where id = $1`, [victim])
    const report = await verify()
    expect(report.valid).toBe(false)
    expect(report.firstBroken).toMatchObject({ id: victim, reason: 'hash_mismatch' })
  })

  it('REC-05: changing personal fields or deleting a middle row is caught too', async () => {
    const rows = await rawQuery(kind, api.db.location, 'select id from consents order by seq')
    await rawQuery(kind, api.db.location, 'update consents set page_url = $1 where id = $2', ['https://forged.example/', rows[1]!.id])
    expect((await verify()).firstBroken).toMatchObject({ id: rows[1]!.id, reason: 'personal_digest_mismatch' })
    await rawQuery(kind, api.db.location, 'update consents set page_url = $1 where id = $2', ['https://shop.example/cart', rows[1]!.id])
    expect((await verify()).valid).toBe(true)
    await rawQuery(kind, api.db.location, 'delete from consents where id = $1', [rows[3]!.id])
    expect((await verify()).firstBroken).toMatchObject({ id: rows[4]!.id, reason: 'prev_hash_mismatch' })
  })

  it('erase turns records into tombstones without personal data; the chain still verifies', async () => {
    const res = await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/erase`, { visitorId: VISITOR, externalUserId: 'user-42' })
    expect(((await res.json()) as Json).erased).toBe(3)
    const tomb = await rawQuery(
      kind,
      api.db.location,
      'select visitor_id, external_user_id, idempotency_key, page_url, ip, user_agent, salt, erased_at from consents where erased_at is not null',
    )
    expect(tomb).toHaveLength(3)
    for (const t of tomb) {
      expect(t).toMatchObject({ visitor_id: null, external_user_id: null, idempotency_key: null, page_url: null, ip: null, user_agent: null, salt: null })
    }
    expect(await verify()).toMatchObject({ valid: true, checked: 5 })
    const history = (await (await api.app.request(`/v1/consents?visitorId=${VISITOR}`)).json()) as Json
    expect(history.records).toEqual([])
    // New records still chain onto the tombstones.
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    expect(await verify()).toMatchObject({ valid: true, checked: 6 })
  })

  it('REC-04: purge deletes only expired records, in batches, and the rest still verifies', async () => {
    // Age the first three records by 40 days (this breaks their own hashes, but they are the ones purged).
    const rows = await rawQuery(kind, api.db.location, 'select id from consents order by seq')
    const old = Date.now() - 40 * 86_400_000
    for (const r of rows.slice(0, 3)) await rawQuery(kind, api.db.location, 'update consents set received_at = $1 where id = $2', [old, r.id])
    expect((await api.admin('POST', `/v1/admin/sites/${site.siteId}/purge`)).status).toBe(400)
    await api.admin('PATCH', `/v1/admin/sites/${site.siteId}`, { retentionDays: 30 })
    const purged = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/purge`)).json()) as Json
    expect(purged.deleted).toBe(3)
    expect(await api.db.store.countConsents(site.siteId)).toBe(2)
    expect(await verify()).toMatchObject({ valid: true, checked: 2 })
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    expect(await verify()).toMatchObject({ valid: true, checked: 3 })
  })

  it('reports decisions per day, jurisdiction and method with grant rates', async () => {
    const stats = (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/stats`)).json()) as Json
    const day = new Date().toISOString().slice(0, 10)
    expect(stats.rows).toContainEqual({
      day,
      jurisdiction: 'US-CA',
      method: 'custom',
      decisions: 1,
      grantRate: { functional: 1, analytics: 0, advertising: 0 },
      optOutRate: 0,
      gpcRate: 0,
    })
    expect(stats.rows).toContainEqual({
      day,
      jurisdiction: 'DE',
      method: 'accept_all',
      decisions: 1,
      grantRate: { functional: 1, analytics: 1, advertising: 1 },
      optOutRate: 0,
      gpcRate: 0,
    })
    expect(stats.rows.reduce((n: number, r: Json) => n + r.decisions, 0)).toBe(5)
  })
})
