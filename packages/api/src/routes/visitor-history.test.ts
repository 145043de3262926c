import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentReceipt } from '@consentry/shared'
import { verifyReceipt } from '../records/signing'
import { consentBody, publishedSite, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

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
    const posted = await api.app.request('/v1/consents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(first) })
    expect(posted.status).toBe(201)
    const receipt = (await posted.json()) as ConsentReceipt
    await api.app.request('/v1/consents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(consentBody(site, { visitorId: first.visitorId, method: 'withdraw' })),
    })

    const res = await api.app.request(`/v1/consents?visitorId=${String(first.visitorId)}&siteId=${site.siteId}`)
    expect(res.status).toBe(200)
    const { records } = (await res.json()) as { records: { id: string; hash: string; method: string; receipt: Omit<ConsentReceipt, 'id' | 'receivedAt' | 'hash'> }[] }
    expect(records.map((r) => r.method)).toEqual(['accept_all', 'withdraw'])
    expect(records[0]!.hash).toBe(receipt.hash)
    // History receipts are signed one record at a time; so was this write (it was alone in its batch).
    expect(records[0]!.receipt.proof).toEqual({ treeSize: 1, leafIndex: 0, path: [], root: receipt.proof.root })
    expect(records[0]!.receipt.signature).toBe(receipt.signature)
    const keys = (await (await api.app.request('/v1/keys')).json()) as { keys: { keyId: string; publicKey: string }[] }
    for (const r of records) {
      const key = keys.keys.find((k) => k.keyId === r.receipt.keyId)
      expect(key).toBeDefined()
      expect(verifyReceipt({ hash: r.hash, ...r.receipt }, key!.publicKey)).toBe(true)
      expect(verifyReceipt({ ...r.receipt, hash: r.hash.replace(/^./, (ch) => (ch === '0' ? '1' : '0')) }, key!.publicKey)).toBe(false)
    }
  })
})
