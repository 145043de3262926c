import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VISITOR_HISTORY_MAX_PAGE } from '@consentry/shared/schemas'
import type { ConsentReceipt } from '@consentry/shared'
import { verifyReceipt } from '../records/signing'
import { consentBody, postConsent, publishedSite, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

describe.each(STORES)('visitor history (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(async () => {
    await api.db.cleanup()
  })

  it('REC-05: each record carries a receipt for its hash, verifiable with the published key', async () => {
    const first = consentBody(site, { method: 'accept_all' })
    const posted = await postConsent(api, first)
    expect(posted.status).toBe(201)
    const receipt = (await posted.json()) as ConsentReceipt
    await postConsent(api, consentBody(site, { visitorId: first.visitorId, method: 'withdraw' }))

    const res = await api.app.request(`/v1/consents?visitorId=${String(first.visitorId)}&siteId=${site.siteId}`)
    expect(res.status).toBe(200)
    const { records } = (await res.json()) as {
      records: { id: string; hash: string; method: string; receipt: Omit<ConsentReceipt, 'id' | 'receivedAt' | 'hash'> }[]
    }
    expect(records.map((r) => r.method)).toEqual(['accept_all', 'withdraw'])
    expect(records[0]!.hash).toBe(receipt.hash)
    // A page is signed once, as a batch: both records share one signature over the root of a tree of two.
    expect(records[0]!.receipt.proof).toMatchObject({ treeSize: 2, leafIndex: 0 })
    expect(records[1]!.receipt.proof).toMatchObject({ treeSize: 2, leafIndex: 1 })
    expect(records[0]!.receipt.signature).toBe(records[1]!.receipt.signature)
    const keys = (await (await api.app.request('/v1/keys')).json()) as { keys: { keyId: string; publicKey: string }[] }
    for (const r of records) {
      const key = keys.keys.find((k) => k.keyId === r.receipt.keyId)
      expect(key).toBeDefined()
      expect(verifyReceipt({ hash: r.hash, ...r.receipt }, key!.publicKey)).toBe(true)
      expect(verifyReceipt({ ...r.receipt, hash: r.hash.replace(/^./, (ch) => (ch === '0' ? '1' : '0')) }, key!.publicKey)).toBe(false)
    }
  })

  it('pages a long history with a cursor, at most the page size a request', async () => {
    const visitorId = 'b'.repeat(32)
    for (let i = 0; i < 7; i++)
      expect(
        (
          await postConsent(
            api,
            consentBody(site, {
              visitorId,
              method: i % 2 ? 'accept_all' : 'reject_all',
              categories: { functional: i % 2 === 1, analytics: i % 2 === 1, advertising: i % 2 === 1 },
            }),
          )
        ).status,
      ).toBe(201)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await api.app.request(`/v1/consents?visitorId=${visitorId}&siteId=${site.siteId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { records: { id: string }[]; nextCursor: string | null }
      expect(body.records.length).toBeLessThanOrEqual(3)
      seen.push(...body.records.map((r) => r.id))
      cursor = body.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(new Set(seen).size).toBe(7)
    const tooBig = await api.app.request(`/v1/consents?visitorId=${visitorId}&limit=${VISITOR_HISTORY_MAX_PAGE + 1}`)
    expect(tooBig.status).toBe(400)
    expect(JSON.stringify(await tooBig.json())).toContain('limit')
    // Without a limit, a page holds the default, not everything.
    const all = (await (await api.app.request(`/v1/consents?visitorId=${visitorId}`)).json()) as { records: unknown[]; nextCursor: string | null }
    expect(all.records.length).toBe(7)
    expect(all.nextCursor).toBeNull()
  })
})

describe.each(STORES)('visitor history limits (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  afterEach(async () => {
    await api.db.cleanup()
  })

  it('rate-limits history reads per client', async () => {
    api = await testApi(kind, { rateLimit: { burst: 3, perSecond: 0.01 } })
    site = await publishedSite(api)
    const url = `/v1/consents?visitorId=${'c'.repeat(32)}&siteId=${site.siteId}`
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await api.app.request(url)).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  it('caps the records one visitor id adds to a site per day with a 429 naming the cap', async () => {
    api = await testApi(kind, { visitorDailyCap: 4 })
    site = await publishedSite(api)
    const visitorId = 'd'.repeat(32)
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await postConsent(api, consentBody(site, { visitorId }))).status)
    expect(statuses).toEqual([201, 201, 201, 201, 429])
    const refused = await postConsent(api, consentBody(site, { visitorId }))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^[0-9]+$/)
    const body = (await refused.json()) as { error: { code: string; details: { path: string }[] } }
    expect(body.error.code).toBe('visitor_daily_cap_reached')
    expect(body.error.details[0]!.path).toBe('visitorId')
    // Another visitor on the same site is not affected.
    expect((await postConsent(api, consentBody(site, { visitorId: 'e'.repeat(32) }))).status).toBe(201)
    expect(await api.db.store.countConsents(site.siteId)).toBe(5)
  })
})
