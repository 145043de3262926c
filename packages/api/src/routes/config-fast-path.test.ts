import { siteIdSchema } from '@consentry/shared/schemas'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConfigResponse } from '@consentry/shared'
import { publishedSite, sampleConfig, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'
import { configSiteId, SITE_ID } from './config-fast-path'

/** Deterministic candidate ids: mostly letters and digits (lengths around the 4–64 limits), now and then another character. */
function* candidateIds(count: number): Generator<string> {
  const plain = 'abcxyzABCXYZ0189'
  const other = '_-%./ \n\té\u0000'
  let seed = 42
  const next = () => (seed = (seed * 48271) % 2147483647)
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: next() % 72 }, () => (next() % 40 === 0 ? other[next() % other.length] : plain[next() % plain.length])).join('')
    yield i % 4 ? `site_${body}` : body
  }
}

describe('SITE_ID', () => {
  const edges = [
    'site_abcd',
    'site_abc',
    `site_${'a'.repeat(64)}`,
    `site_${'a'.repeat(65)}`,
    'site_AbC9',
    'SITE_abcd',
    'site-abcd',
    'site__abcd',
    'site_abcd ',
    ' site_abcd',
    'site_abcd\n',
    'site_abcé',
    'site_ab%64',
    '',
    'site_',
  ]
  it('agrees with siteIdSchema on edge cases and 5,000 generated ids', () => {
    const ids = [...edges, ...candidateIds(5000)]
    for (const id of ids) expect([id, SITE_ID.test(id)]).toEqual([id, siteIdSchema.safeParse(id).success])
    const valid = ids.filter((id) => SITE_ID.test(id)).length
    expect(valid).toBeGreaterThan(1000)
    expect(ids.length - valid).toBeGreaterThan(1000)
  })
})

describe('configSiteId', () => {
  it('takes only a plain /v1/sites/<id>/config request target', () => {
    expect(configSiteId('/v1/sites/site_abcd1234/config')).toBe('site_abcd1234')
    for (const path of [
      '/v1/sites/site_abcd1234/config?country=US',
      '/v1/sites/site_abcd1234/config?x=/config',
      '/v1/sites/site_abcd1234/config/',
      '/v1/sites/site_abcd1234/config#x',
      '/v1/sites/site_abcd%31/config',
      '/v1/sites/../sites/site_abcd1234/config',
      '/v1/sites/site_abcd1234/./config',
      '/v1/sites/site_abcd1234/x/config',
      '/x/v1/sites/site_abcd1234/config',
      '//v1/sites/site_abcd1234/config',
      'http://localhost/v1/sites/site_abcd1234/config',
      '/v1/sites/nope/config',
      '/v1/sites//config',
      '/v1/sites/site_abcd1234/consentry.js',
    ]) {
      expect([path, configSiteId(path)]).toEqual([path, undefined])
    }
  })
})

/** Status, headers and body of a response, for comparing with a cached answer (Content-Length: see below). */
async function snapshot(res: Response) {
  const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'content-length'))
  return { status: res.status, headers, body: bodyText(Buffer.from(await res.arrayBuffer()), headers['content-encoding']) }
}

/** A body as text: decompressed when it was sent compressed. */
function bodyText(bytes: Buffer, coding: string | undefined): string {
  const plain = coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes
  return plain.toString('utf8')
}

describe.each(STORES)('cached config reads (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(() => api.db.cleanup())

  const config = () => `/v1/sites/${site.siteId}/config`

  /** The cached answer (expected to exist when `fast`), then the routed one: same status, headers and body. */
  async function compare(path: string, headers: Record<string, string>, fast: boolean) {
    const sent = new Headers(headers)
    const answer = api.cachedConfig(path, (name) => sent.get(name) ?? undefined)
    expect(answer !== undefined, `${path} ${JSON.stringify(headers)} answered from the cache`).toBe(fast)
    const routed = await snapshot(await api.app.request(path, { headers }))
    if (!answer) return routed
    const { 'content-length': length, ...rest } = answer.headers
    expect({ status: answer.status, headers: rest, body: bodyText(Buffer.from(answer.body ?? ''), answer.headers['content-encoding']) }).toEqual(routed)
    // The routes leave Content-Length to @hono/node-server; the cached answer states it.
    expect(length).toBe(answer.body === null ? undefined : String(Buffer.byteLength(answer.body)))
    return routed
  }
  const warm = async (headers: Record<string, string> = {}) => expect((await api.app.request(config(), { headers })).status).toBe(200)

  it('answers cached reads exactly as the routes do', async () => {
    const geo: Record<string, string>[] = [
      {},
      { 'cf-ipcountry': 'DE' },
      { 'cf-ipcountry': 'de ' },
      { 'x-vercel-ip-country': 'US', 'x-vercel-ip-country-region': 'CA' },
      { 'cloudfront-viewer-country': 'US', 'cloudfront-viewer-country-region': 'US-CO' },
      { 'cf-ipcountry': 'XX' },
      { 'cf-ipcountry': 'FR', 'x-vercel-ip-country': 'US' },
    ]
    for (const headers of geo) {
      await warm(headers)
      const origins: Record<string, string>[] = [{}, { origin: 'https://shop.example' }, { origin: 'https://evil.example' }]
      for (const extra of origins) {
        const first = await compare(config(), { ...headers, ...extra }, true)
        expect(first.status).toBe(200)
        const etag = first.headers.etag!
        for (const inm of [etag, `"x", ${etag}`, '*', `W/${etag}`, '"other"']) await compare(config(), { ...headers, ...extra, 'if-none-match': inm }, true)
      }
    }
  })

  it('answers compressed reads exactly as the routes do, once the compressed bodies are made', async () => {
    await warm()
    const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' }
    await vi.waitFor(() =>
      expect(api.cachedConfig(config(), (name) => (name === 'accept-encoding' ? browser[name] : undefined))?.headers['content-encoding']).toBe('br'),
    )
    // Both codings compress in parallel on the thread pool; on a loaded machine gzip may finish after brotli.
    await vi.waitFor(() =>
      expect(api.cachedConfig(config(), (name) => (name === 'accept-encoding' ? 'gzip' : undefined))?.headers['content-encoding']).toBe('gzip'),
    )
    const identity = await compare(config(), {}, true)
    for (const [acceptEncoding, coding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['deflate', undefined],
    ] as const) {
      for (const extra of [{}, { origin: 'https://shop.example' }] as Record<string, string>[]) {
        const headers = { 'accept-encoding': acceptEncoding, ...extra }
        const first = await compare(config(), headers, true)
        expect(first.headers['content-encoding']).toBe(coding)
        expect(first.headers.vary).toContain('Accept-Encoding')
        expect(first.body).toBe(identity.body)
        expect(first.headers.etag).toBe(coding ? identity.headers.etag!.replace(/"$/, `-${coding}"`) : identity.headers.etag)
        expect((await compare(config(), { ...headers, 'if-none-match': first.headers.etag! }, true)).status).toBe(304)
        expect((await compare(config(), { ...headers, 'if-none-match': coding ? identity.headers.etag! : '"other"' }, true)).status).toBe(200)
      }
    }
  })

  it('leaves to the routes what is not a plain cached read, with the same answers', async () => {
    await warm()
    await compare(config(), {}, true)
    await compare(`${config()}?country=US&region=CA`, {}, false)
    await compare(`${config()}?country=usa`, {}, false)
    await compare('/v1/sites/nope/config', {}, false)
    await compare('/v1/sites/site_unknown1/config', {}, false)
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name: 'Empty' })).json()) as { id: string }
    await compare(`/v1/sites/${created.id}/config`, {}, false)
  })

  it('takes the routes again once the site changes, and serves the new version', async () => {
    await warm()
    await compare(config(), { origin: 'https://new.example' }, true)
    expect((await api.admin('PATCH', `/v1/admin/sites/${site.siteId}`, { allowedOrigins: ['https://new.example'] })).status).toBe(200)
    const after = await compare(config(), { origin: 'https://new.example' }, false)
    expect(after.headers['access-control-allow-origin']).toBe('https://new.example')
    await compare(config(), { origin: 'https://new.example' }, true)
    expect((await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, sampleConfig(site.siteId, { name: 'Renamed' }))).status).toBe(201)
    const renamed = await compare(config(), {}, false)
    expect((JSON.parse(renamed.body) as ConfigResponse).config.name).toBe('Renamed')
    await compare(config(), {}, true)
  })
})
