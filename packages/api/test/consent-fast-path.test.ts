import { connect, type Socket } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentReceipt } from '@consentry/shared'
import { nodeListener } from '../src/node-listener'
import { verifyReceipt } from '../src/records/signing'
import { hostileCases } from './hostile-cases'
import { consentBody, fromShop, listen, publishedSite, sampleConfig, STORES, testApi, type Listening, type PublishedSite, type TestApi } from './helpers'

/** What came back on the wire, without the headers that describe the connection rather than the answer. */
async function wire(res: Response) {
  const headers = Object.fromEntries([...res.headers].filter(([k]) => !['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)))
  return { status: res.status, headers, body: await res.text() }
}

/**
 * POSTs every body at once: all connections are open before the first byte of any request is written, and the
 * requests are written in one synchronous loop, so the server (in this process) reads them all in one turn of
 * its event loop. Answers as `{ status, body }`, in the order of the bodies.
 */
async function simultaneousPosts(url: string, path: string, bodies: string[]): Promise<{ status: number; body: string }[]> {
  const { hostname, port } = new URL(url)
  const sockets = await Promise.all(
    bodies.map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(Number(port), hostname, () => resolve(s))
          s.once('error', reject)
        }),
    ),
  )
  const answers = sockets.map(
    (s) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const chunks: Buffer[] = []
        s.on('data', (c: Buffer) => chunks.push(c))
        s.once('error', reject)
        s.once('close', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          const split = text.indexOf('\r\n\r\n')
          resolve({ status: Number(text.slice(9, 12)), body: text.slice(split + 4) })
        })
      }),
  )
  bodies.forEach((body, i) =>
    sockets[i]!.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: https://shop.example\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    ),
  )
  return Promise.all(answers)
}

/**
 * `consentry serve` answers JSON consent writes in front of the router (src/routes/consent-fast-path.ts). The same
 * requests go to a listener with the fast path and to one with the routes only, sharing one app and store.
 */
describe.each(STORES)('consent writes: fast path and routes on the wire (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  let fast: Listening
  let routed: Listening
  async function start(deps: Parameters<typeof testApi>[1] = {}) {
    api = await testApi(kind, deps)
    site = await publishedSite(api)
    fast = await listen(nodeListener(api.served))
    routed = await listen(getRequestListener(api.served.app.fetch))
  }
  afterEach(async () => {
    await fast?.close()
    await routed?.close()
    await api?.db.cleanup()
  })
  const post = (server: Listening, body: unknown, headers: Record<string, string> = {}) => fetch(`${server.url}/v1/consents`, fromShop(body, headers))
  const publicKey = async () => ((await (await fetch(`${fast.url}/v1/keys`)).json()) as { keys: { publicKey: string }[] }).keys[0]!.publicKey

  describe('errors', () => {
    beforeEach(() => start())
    it('answers every hostile consent write exactly as the routes do', async () => {
      const other = await publishedSite(api)
      const writes = hostileCases(site, other.versionId, api.adminKey).filter((c) => c.method === 'POST' && c.path === '/v1/consents')
      expect(writes.length).toBeGreaterThan(250)
      for (const c of writes) {
        const send = (server: Listening) => fetch(server.url + c.path, { method: 'POST', headers: c.headers ?? {}, body: c.body! })
        const viaFast = await wire(await send(fast))
        expect([c.name, viaFast.status >= 400 && viaFast.status < 500]).toEqual([c.name, true])
        expect([c.name, viaFast]).toEqual([c.name, await wire(await send(routed))])
      }
      expect(await api.db.store.countConsents(site.siteId)).toBe(0)
    })
  })

  it('answers rate-limited writes alike, Retry-After and CORS included', async () => {
    await start({ rateLimit: { burst: 2, perSecond: 0.01 } })
    const origin = { origin: 'https://shop.example' }
    expect((await post(fast, consentBody(site), origin)).status).toBe(201)
    expect((await post(routed, consentBody(site), origin)).status).toBe(201)
    const a = await wire(await post(fast, consentBody(site), origin))
    expect(a.status).toBe(429)
    expect(a.headers['retry-after']).toMatch(/^\d+$/)
    expect(a.headers['access-control-allow-origin']).toBe('https://shop.example')
    expect(a).toEqual(await wire(await post(routed, consentBody(site), origin)))
  })

  it('stores and answers alike: receipts, replays, CORS and the server-set cookie', async () => {
    await start()
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name: 'Cookie', allowedOrigins: ['https://shop.example'] })).json()) as { id: string }
    const published = await api.admin(
      'POST',
      `/v1/admin/sites/${created.id}/config-versions`,
      sampleConfig(created.id, { consent: { serverCookie: true, cookieDomain: 'shop.example' } }),
    )
    const version = (await published.json()) as { id: string; hash: string }
    const cookieSite: PublishedSite = { siteId: created.id, versionId: version.id, configHash: version.hash }
    const key = await publicKey()
    for (const [target, headers] of [
      [site, {}],
      [site, { origin: 'https://shop.example', 'sec-gpc': '1' }],
      [cookieSite, { origin: 'https://shop.example' }],
    ] as const) {
      const decidedAt = Date.now()
      // The server-set cookie names the visitor and the decision time: the same in both bodies.
      const a = consentBody(target, { decidedAt, visitorId: 'c'.repeat(32) })
      const b = consentBody(target, { decidedAt, visitorId: 'c'.repeat(32) })
      const first = [await wire(await post(fast, a, headers)), await wire(await post(routed, b, headers))]
      // Retries cross over: each path replays what the other stored.
      const replays = [await wire(await post(fast, b, headers)), await wire(await post(routed, a, headers))]
      for (const [answers, status] of [
        [first, 201],
        [replays, 200],
      ] as const) {
        expect(answers.map((r) => r.status)).toEqual([status, status])
        expect(answers[0]!.headers).toEqual(answers[1]!.headers)
        const receipts = answers.map((r) => JSON.parse(r.body) as ConsentReceipt)
        expect(Object.keys(receipts[0]!).sort()).toEqual(Object.keys(receipts[1]!).sort())
        for (const r of receipts) expect(verifyReceipt(r, key)).toBe(true)
      }
      const [ra, rb] = first.map((r) => JSON.parse(r.body) as ConsentReceipt)
      const [rb2, ra2] = replays.map((r) => JSON.parse(r.body) as ConsentReceipt)
      expect([ra2!.id, rb2!.id]).toEqual([ra!.id, rb!.id])
    }
    expect(await api.db.store.countConsents(site.siteId)).toBe(4)
    expect(await api.db.store.countConsents(cookieSite.siteId)).toBe(2)
    const cookie = await post(fast, consentBody(cookieSite), { origin: 'https://shop.example' })
    expect(cookie.headers.get('set-cookie')).toMatch(/Domain=shop\.example/)
  })

  it('leaves other requests to the routes: other media types, paths and methods', async () => {
    await start()
    for (const [path, method, type] of [
      ['/v1/consents', 'POST', 'text/plain'],
      ['/v1/consents?x=1', 'POST', 'application/json'],
      ['/v1/consents/', 'POST', 'application/json'],
      ['/v1/consents', 'PUT', 'application/json'],
    ] as const) {
      const send = (server: Listening) => fetch(server.url + path, { method, headers: { 'content-type': type }, body: JSON.stringify(consentBody(site)) })
      const [a, b] = [await wire(await send(fast)), await wire(await send(routed))]
      expect([path, method, a.status, a.headers]).toEqual([path, method, b.status, b.headers])
      if (a.status >= 400) expect(a.body).toBe(b.body)
    }
  })

  it('serves a whole batch of concurrent writes, each receipt in the signed batch', async () => {
    await start()
    const key = await publicKey()
    expect((await post(fast, consentBody(site))).status).toBe(201)
    const answers = await simultaneousPosts(
      fast.url,
      '/v1/consents',
      Array.from({ length: 40 }, () => JSON.stringify(consentBody(site))),
    )
    const receipts = answers.map((r) => JSON.parse(r.body) as ConsentReceipt)
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(201))
    for (const r of receipts) expect(verifyReceipt(r, key)).toBe(true)
    expect(Math.max(...receipts.map((r) => r.proof.treeSize))).toBeGreaterThan(1)
    expect(await api.db.store.countConsents(site.siteId)).toBe(41)
  })
})
