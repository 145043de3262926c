import { request } from 'node:http'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { canonicalJson, sha256Hex } from '../src/records/canonical'
import { newSite } from '../src/sites'
import { buildCliForTest, serveCli } from './build-cli'
import { consentBody, fromShop, openTestDb, sampleConfig, type PublishedSite, type TestDb } from './helpers'

/** A site with a published configuration, written straight to the store (the server under test starts after). */
async function seedPublishedSite(db: TestDb, allowedOrigins: string[]): Promise<PublishedSite> {
  const row = newSite({ name: 'Real', allowedOrigins, retentionDays: null })
  await db.store.insertSite(row)
  const config = canonicalJson(siteConfigSchema.parse(sampleConfig(row.id)))
  const version = await db.store.publishConfigVersion({ id: 'cfg_real', siteId: row.id, config, hash: sha256Hex(config), createdAt: Date.now() })
  return { siteId: row.id, versionId: version.id, configHash: version.hash }
}

// The Node fast path for JSON bodies only runs behind a real socket: check its limits and errors there.
describe('public writes on a listening server', () => {
  let cli: string
  let db: TestDb
  let server: { child: ChildProcess; url: string }
  let site: PublishedSite
  beforeAll(async () => {
    cli = buildCliForTest()
    db = await openTestDb('sqlite')
    site = await seedPublishedSite(db, ['https://shop.example'])
    server = await serveCli(cli, db.location)
  })
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await db?.cleanup()
    rmSync(dirname(cli), { recursive: true, force: true })
  })

  /** Sends a body in chunks without Content-Length (chunked transfer encoding). */
  function chunked(body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${server.url}/v1/consents`,
        { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://shop.example' } },
        (res) => {
          let text = ''
          res.on('data', (d: Buffer) => (text += d.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        },
      )
      req.on('error', reject)
      for (let i = 0; i < body.length; i += 4096) req.write(body.slice(i, i + 4096))
      req.end()
    })
  }

  it('accepts a valid body, sent whole or chunked', async () => {
    const whole = await fetch(`${server.url}/v1/consents`, fromShop(consentBody(site)))
    expect(whole.status).toBe(201)
    expect((await chunked(JSON.stringify(consentBody(site)))).status).toBe(201)
  })

  it('answers 413 JSON to an oversized body, with or without Content-Length', async () => {
    const big = JSON.stringify(consentBody(site, { bannerVersion: 'v'.repeat(40_000) }))
    const declared = await fetch(`${server.url}/v1/consents`, fromShop(big))
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
    const streamed = await chunked(big)
    expect(streamed.status).toBe(413)
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('answers 400 naming the body for malformed JSON, and stores nothing', async () => {
    const before = await db.store.countConsents(site.siteId)
    const res = await fetch(`${server.url}/v1/consents`, fromShop('{"siteId":'))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', details: [{ path: '(body)' }] } })
    expect(await db.store.countConsents(site.siteId)).toBe(before)
  })
})

// Cached config reads are answered in front of the router; on the wire they must match the routed answers.
describe('config reads on a listening server', () => {
  let cli: string
  let db: TestDb
  let server: { child: ChildProcess; url: string }
  let siteId: string
  beforeAll(async () => {
    cli = buildCliForTest()
    db = await openTestDb('sqlite')
    siteId = (await seedPublishedSite(db, ['https://shop.example'])).siteId
    server = await serveCli(cli, db.location)
  })
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await db?.cleanup()
    rmSync(dirname(cli), { recursive: true, force: true })
  })

  /** A raw request (any Host header, any method) and what came back, Date aside. */
  function get(query: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}/v1/sites/${siteId}/config${query}`, { method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () => {
          const { date: _date, ...rest } = res.headers
          const bytes = Buffer.concat(chunks)
          const coding = res.headers['content-encoding']
          const body = (coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: { ...rest, 'x-received-bytes': bytes.length }, body })
        })
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('sends the same status, headers and body as the routed handler, for 200 and 304, with and without CORS', async () => {
    // `?country=` always takes the routes; the same location from a CDN header is served from the cache.
    const routed = await get('?country=DE', {})
    expect(routed.status).toBe(200)
    expect(routed.headers['content-length']).toBe(String(Buffer.byteLength(routed.body)))
    const origins: Record<string, string>[] = [{}, { origin: 'https://shop.example' }, { origin: 'https://evil.example' }]
    for (const origin of origins) {
      const viaRoutes = await get('?country=DE', origin)
      for (let i = 0; i < 3; i++) expect(await get('', { 'cf-ipcountry': 'DE', ...origin })).toEqual(viaRoutes)
      const notModified = await get('?country=DE', { ...origin, 'if-none-match': String(routed.headers.etag) })
      expect(notModified.status).toBe(304)
      expect(await get('', { 'cf-ipcountry': 'DE', ...origin, 'if-none-match': String(routed.headers.etag) })).toEqual(notModified)
    }
  })

  it('sends a browser the compressed config the routes send, once it is made, with its length stated', async () => {
    const browser = { 'accept-encoding': 'gzip, deflate, br, zstd', 'cf-ipcountry': 'FR' }
    const plain = await get('?country=FR', {})
    await vi.waitFor(async () => expect((await get('?country=FR', browser)).headers['content-encoding']).toBe('br'))
    const viaRoutes = await get('?country=FR', browser)
    expect(viaRoutes.body).toBe(plain.body)
    expect(viaRoutes.headers['content-length']).toBe(String(viaRoutes.headers['x-received-bytes']))
    expect(Number(viaRoutes.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.body) / 2)
    for (let i = 0; i < 3; i++) expect(await get('', browser)).toEqual(viaRoutes)
    const gzip = await get('', { ...browser, 'accept-encoding': 'gzip' })
    expect([gzip.headers['content-encoding'], gzip.body]).toEqual(['gzip', plain.body])
  })

  it('leaves HEAD and Host headers @hono/node-server refuses to the routes', async () => {
    await get('?country=DE', {})
    expect(await get('', { 'cf-ipcountry': 'DE' }, 'HEAD')).toEqual(await get('?country=DE', {}, 'HEAD'))
    for (const host of ['1.2.3', '0x7f.1', 'a@b', 'example.com:', 'example.com:99999', 'example.com/x', '[::1', 'ex ample.com']) {
      const res = await get('', { host, 'cf-ipcountry': 'DE' })
      expect([host, res.status]).toEqual([host, 400])
    }
    for (const host of ['127.0.0.1', 'API.Example.com:8080', 'localhost', '[::1]:80']) {
      expect([host, await get('', { host, 'cf-ipcountry': 'DE' })]).toEqual([host, await get('?country=DE', { host })])
    }
  })
})
