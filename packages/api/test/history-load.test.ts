import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeListener } from '../src/node-listener'
import { sealRecord } from '../src/records/consent-record'
import { listen, publishedSite, STORES, testApi, unsealedFixture, type Listening, type TestApi } from './helpers'

/** The visitor of the load test: 20,000 records, the count the security review used. */
const VISITOR_NUMBER = 0xabcdef
const RECORDS = 20_000
const CONCURRENT = Number(process.env.HISTORY_LOAD_CONCURRENCY ?? 100)
/** Growth of the process's resident memory that the concurrent reads may cause (a bounded page each). */
const RSS_BUDGET_MB = 150

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

/**
 * Load test of `GET /v1/consents?visitorId=` against a real server on 127.0.0.1 (this process): one visitor with
 * 20,000 records, 100 concurrent history reads. Before paging, each read built and signed the whole history
 * (23 MB); the process's resident memory must now stay flat. Figures are printed for docs/security.md.
 */
describe.each(STORES)('visitor history under load (%s)', (kind) => {
  let api: TestApi
  let server: Listening
  let visitorId = ''
  let siteId = ''
  beforeAll(async () => {
    api = await testApi(kind)
    const site = await publishedSite(api)
    siteId = site.siteId
    for (let done = 0; done < RECORDS; done += 2000) {
      const items = Array.from({ length: 2000 }, (_, i) =>
        unsealedFixture(site.siteId, VISITOR_NUMBER, `load_${done + i}`, i % 2 ? 'accept_all' : 'reject_all'),
      )
      await api.db.store.appendBatch(items, sealRecord)
    }
    visitorId = VISITOR_NUMBER.toString(16).padStart(32, '0')
    server = await listen(nodeListener(api.served))
  }, 300_000)
  afterAll(async () => {
    await server?.close()
    await api?.db.cleanup()
  })

  it('keeps memory flat at 100 concurrent reads of a 20,000-record history', async () => {
    const url = `${server.url}/v1/consents?visitorId=${visitorId}&siteId=${siteId}`
    const warm = await fetch(url)
    expect(warm.status).toBe(200)
    await warm.arrayBuffer()
    globalThis.gc?.()
    const before = process.memoryUsage.rss()
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5)
    const started = performance.now()
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        const res = await fetch(url)
        const body = await res.text()
        peak = Math.max(peak, process.memoryUsage.rss())
        return { status: res.status, bytes: body.length, records: res.status === 200 ? (JSON.parse(body) as { records: unknown[] }).records.length : 0 }
      }),
    )
    const ms = performance.now() - started
    clearInterval(sampler)
    const after = process.memoryUsage.rss()
    console.log(
      `[history-load ${kind}] ${CONCURRENT} concurrent reads of ${RECORDS} records: rss before ${mb(before)} MB, peak ${mb(peak)} MB (+${mb(peak - before)}), ` +
        `after ${mb(after)} MB; ${answers[0]!.bytes} bytes and ${answers[0]!.records} records a response; ${Math.round(ms)} ms in all`,
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(answers.every((a) => a.records > 0 && a.records < RECORDS)).toBe(true)
    expect(mb(peak - before)).toBeLessThan(RSS_BUDGET_MB)
  }, 120_000)
})
