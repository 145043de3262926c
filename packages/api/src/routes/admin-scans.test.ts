import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { scanResultSchema } from '@consentry/scanner'
import { sampleConfig, STORES, testApi, type TestApi } from '../../test/helpers'

type Json = Record<string, any>

// A publisher page with an analytics cookie set by an ungated script: the scan has something to report.
let site: Server
let origin: string
beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/away') return void res.writeHead(302, { location: `http://localhost:${(site.address() as AddressInfo).port}/` }).end()
    if (req.url === '/tag.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end("document.cookie = '_ga=GA1.1.1.1; max-age=63072000; path=/'")
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Shop</title><script src="/tag.js"></script>')
  })
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok))
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => site.close(() => ok())))

describe.each(STORES)('admin scans (%s)', (kind) => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi(kind)
  })
  afterEach(async () => api.db.cleanup())

  const finished = async (path: string): Promise<Json> => {
    for (let i = 0; i < 300; i++) {
      const scan = (await (await api.admin('GET', path)).json()) as Json
      if (scan.status === 'done' || scan.status === 'failed') return scan
      await new Promise((ok) => setTimeout(ok, 200))
    }
    throw new Error('scan did not finish in 60 s')
  }

  it('runs a scan in the background, stores its result and reports what changed since the previous one', async () => {
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name: 'Shop', allowedOrigins: [origin] })).json()) as Json
    expect((await api.admin('POST', `/v1/admin/sites/${created.id}/config-versions`, sampleConfig(created.id))).status).toBe(201)

    const started = await api.admin('POST', `/v1/admin/sites/${created.id}/scans`, { maxPages: 2 })
    expect(started.status).toBe(202)
    const queued = (await started.json()) as Json
    expect(queued).toMatchObject({ id: expect.stringMatching(/^scan_/), status: expect.stringMatching(/^(queued|running)$/), url: `${origin}/` })
    expect(started.headers.get('location')).toBe(`/v1/admin/sites/${created.id}/scans/${queued.id}`)

    const done = await finished(`/v1/admin/sites/${created.id}/scans/${queued.id}`)
    expect(done.status).toBe('done')
    const result = scanResultSchema.parse(done.result)
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'before_consent',
          subject: expect.objectContaining({ name: '_ga' }),
          responsible: expect.objectContaining({ url: `${origin}/tag.js` }),
        }),
      ]),
    )
    // The published configuration is the declaration: ga4 declares no cookie, so _ga joins it in the proposal.
    expect(result.proposed.added).toEqual([{ serviceId: 'google-analytics', item: '_ga', kind: 'cookie', source: 'catalogue' }])
    expect((result.proposed.config.services as Json[]).map((s) => s.id)).toEqual(['ga4', 'ads', 'google-analytics'])
    expect(result.changes).toBeNull()

    const second = (await (await api.admin('POST', `/v1/admin/sites/${created.id}/scans`, { url: `${origin}/`, maxPages: 1 })).json()) as Json
    const again = await finished(`/v1/admin/sites/${created.id}/scans/${second.id}`)
    expect(again.result.changes).toMatchObject({ previousScanAt: result.finishedAt, added: [], removed: [] })

    const list = (await (await api.admin('GET', `/v1/admin/sites/${created.id}/scans`)).json()) as Json
    expect(list.scans.map((s: Json) => [s.id, s.status, s.findings])).toEqual([
      [second.id, 'done', again.result.findings.length],
      [queued.id, 'done', result.findings.length],
    ])
    expect(list.scans[0]).not.toHaveProperty('result')

    // Deleting the site takes its scans with it.
    expect((await api.admin('DELETE', `/v1/admin/sites/${created.id}`, { confirm: created.id })).status).toBe(200)
    expect(await api.db.store.listScans(created.id, 10)).toEqual([])
  })

  it('refuses a URL off the site, bad options and unknown scans, naming the field', async () => {
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name: 'Shop', allowedOrigins: [origin] })).json()) as Json
    const off = await api.admin('POST', `/v1/admin/sites/${created.id}/scans`, { url: 'https://elsewhere.example/' })
    expect(off.status).toBe(400)
    expect(((await off.json()) as Json).error.details).toEqual([{ path: 'url', message: expect.stringContaining('allowed origins') }])
    const bad = await api.admin('POST', `/v1/admin/sites/${created.id}/scans`, { maxPages: 500, region: 'CA' })
    expect(((await bad.json()) as Json).error.details.map((d: Json) => d.path).sort()).toEqual(['maxPages', 'region'])
    expect((await api.admin('GET', `/v1/admin/sites/${created.id}/scans/scan_nosuchscan`)).status).toBe(404)
    // A page that redirects off the site: the scan fails rather than follow it with the server's browser.
    const away = (await (await api.admin('POST', `/v1/admin/sites/${created.id}/scans`, { url: `${origin}/away` })).json()) as Json
    expect(await finished(`/v1/admin/sites/${created.id}/scans/${away.id}`)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining("not one of the site's allowed origins"),
    })
    expect((await api.admin('GET', `/v1/admin/sites/site_nosuchsite/scans`)).status).toBe(404)
  })
})
