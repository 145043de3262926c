import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import type { ConfigResponse } from '@consentry/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../records/canonical'
import { escapeForScript, VARIANTS_PER_SITE } from './site-config'
import { publishedSite, sampleConfig, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

describe('escapeForScript', () => {
  it('escapes <, >, & and U+2028/2029 so config text cannot end the script', () => {
    const out = escapeForScript(JSON.stringify({ t: '</script><!-- & \u2028\u2029' }))
    expect(out).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(out)).toEqual({ t: '</script><!-- & \u2028\u2029' })
  })
})

describe.each(STORES)('site config (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  let dir: string
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-banner-'))
    api = await testApi(kind, { bannerPath: join(dir, 'consentry.js') })
    site = await publishedSite(api)
  })
  afterEach(async () => {
    await api.db.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the published config with a hash of its canonical JSON', async () => {
    const res = await api.app.request(`/v1/sites/${site.siteId}/config`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as ConfigResponse
    expect(body.versionId).toBe(site.versionId)
    expect(body.hash).toBe(sha256Hex(canonicalJson(body.config)))
    expect(body.hash).toBe(site.configHash)
    expect(body.config.services.map((s) => s.id)).toEqual(['ga4', 'ads'])
    expect(res.headers.get('cache-control')).toContain('max-age')
  })

  it('resolves the jurisdiction from CDN headers, overridable by query', async () => {
    const get = async (path: string, headers: Record<string, string> = {}) =>
      ((await (await api.app.request(path, { headers })).json()) as ConfigResponse).jurisdiction
    const base = `/v1/sites/${site.siteId}/config`
    expect((await get(base, { 'cf-ipcountry': 'DE' })).ruleset).toBe('gdpr')
    expect((await get(base, { 'x-vercel-ip-country': 'US', 'x-vercel-ip-country-region': 'CA' })).location.region).toBe('US-CA')
    expect((await get(base, { 'cloudfront-viewer-country': 'GB' })).ruleset).toBe('uk')
    expect((await get(base, { 'cf-ipcountry': 'XX' })).ruleset).toBe('unknown')
    const overridden = await get(`${base}?country=us&region=co`, { 'cf-ipcountry': 'DE' })
    expect(overridden.location).toEqual({ country: 'US', region: 'US-CO' })
    expect(overridden.regime).toBe('opt_out')
  })

  it('sends a strong ETag and answers 304 on If-None-Match, varying by location', async () => {
    const path = `/v1/sites/${site.siteId}/config`
    const first = await api.app.request(path, { headers: { 'cf-ipcountry': 'FR' } })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    const again = await api.app.request(path, { headers: { 'cf-ipcountry': 'FR', 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    // Stated, so a cache refreshing its stored headers from the 304 keeps the type (not node-server's text/plain).
    expect(again.headers.get('content-type')).toBe('application/json')
    const elsewhere = await api.app.request(path, { headers: { 'cf-ipcountry': 'US', 'if-none-match': etag } })
    expect(elsewhere.status).toBe(200)
    expect(elsewhere.headers.get('vary')).toContain('cf-ipcountry')
  })

  it('changes the body and ETag when a new version is published', async () => {
    const path = `/v1/sites/${site.siteId}/config`
    const etag = (await api.app.request(path)).headers.get('etag')
    const res = await api.admin('POST', `/v1/admin/sites/${site.siteId}/config-versions`, sampleConfig(site.siteId, { name: 'Renamed' }))
    const v2 = (await res.json()) as { id: string; version: number }
    expect(v2.version).toBe(2)
    const after = await api.app.request(path, { headers: { 'if-none-match': etag! } })
    expect(after.status).toBe(200)
    expect(((await after.json()) as ConfigResponse).versionId).toBe(v2.id)
  })

  it("answers CORS only for the site's allowed origins", async () => {
    const path = `/v1/sites/${site.siteId}/config`
    const allowed = await api.app.request(path, { headers: { origin: 'https://shop.example' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const other = await api.app.request(path, { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('404s an unknown site, an unpublished site, and 400s a malformed id naming the field', async () => {
    expect((await api.app.request('/v1/sites/site_unknown1/config')).status).toBe(404)
    const created = (await (await api.admin('POST', '/v1/admin/sites', { name: 'Empty' })).json()) as { id: string }
    const unpublished = await api.app.request(`/v1/sites/${created.id}/config`)
    expect(unpublished.status).toBe(404)
    expect(((await unpublished.json()) as { error: { code: string } }).error.code).toBe('config_not_published')
    const bad = await api.app.request('/v1/sites/nope/config')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('siteId')
  })

  it('serves the banner with the config built in, and 503 JSON while the bundle is missing', async () => {
    const missing = await api.app.request(`/v1/sites/${site.siteId}/consentry.js`)
    expect(missing.status).toBe(503)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('banner_unavailable')
    expect((await api.app.request('/consentry.js')).status).toBe(503)

    writeFileSync(join(dir, 'consentry.js'), 'console.log("banner")\n')
    const res = await api.app.request(`/v1/sites/${site.siteId}/consentry.js`, { headers: { 'cf-ipcountry': 'DE' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    const text = await res.text()
    const match = /^window\.__consentryBootstrap=(.*);\nconsole\.log\("banner"\)\n$/s.exec(text)
    expect(match).not.toBeNull()
    const bootstrap = JSON.parse(match![1]!) as ConfigResponse
    expect(bootstrap.versionId).toBe(site.versionId)
    expect(bootstrap.jurisdiction.ruleset).toBe('gdpr')
    const etag = res.headers.get('etag')!
    expect((await api.app.request(`/v1/sites/${site.siteId}/consentry.js`, { headers: { 'cf-ipcountry': 'DE', 'if-none-match': etag } })).status).toBe(304)
    const plain = await api.app.request('/consentry.js')
    expect(await plain.text()).toBe('console.log("banner")\n')
  })

  it('sends the per-site script brotli-compressed to a browser that accepts it, byte for byte the same script', async () => {
    writeFileSync(join(dir, 'consentry.js'), 'console.log("banner")\n'.repeat(200))
    const path = `/v1/sites/${site.siteId}/consentry.js`
    const headers = { 'cf-ipcountry': 'DE' }
    const plain = await api.app.request(path, { headers })
    const br = await api.app.request(path, { headers: { ...headers, 'accept-encoding': 'gzip, deflate, br, zstd' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toMatch(/\bOrigin\b.*\bAccept-Encoding$/)
    expect(br.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-br"'))
    const bytes = Buffer.from(await br.arrayBuffer())
    const text = await plain.text()
    expect(brotliDecompressSync(bytes).toString('utf8')).toBe(text)
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 5)
    const again = await api.app.request(path, { headers: { ...headers, 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('keeps a bounded number of compressed script variants per site: its own stream of new locations evicts the oldest, another site’s does not', async () => {
    // Varied text (a seeded word salad), where brotli's best quality finds more than its first, fast one.
    let seed = 7
    const words = Array.from({ length: 12_000 }, () => ((seed = (seed * 48_271) % 2_147_483_647), `w${(seed % 5000).toString(36)}`))
    writeFileSync(join(dir, 'consentry.js'), `var s = "${words.join(' ')}";`)
    const size = async (siteId: string, country: string) => {
      const res = await api.app.request(`/v1/sites/${siteId}/consentry.js?country=${country}`, { headers: { 'accept-encoding': 'br' } })
      expect(res.headers.get('content-encoding')).toBe('br')
      return (await res.arrayBuffer()).byteLength
    }
    // New locations, each its own variant (the location is in the built-in configuration): with DE, one more than a site keeps.
    const stream = ['FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'SE', 'DK', 'FI', 'IE', 'PT', 'CZ', 'GR', 'HU', 'RO', 'SK', 'SI', 'HR', 'BG']
    expect(stream.length).toBeGreaterThanOrEqual(VARIANTS_PER_SITE)
    const newLocations = stream.slice(0, VARIANTS_PER_SITE)

    // A variant asked for again is recompressed at the best quality in the background: a kept one gets smaller.
    const fast = await size(site.siteId, 'DE')
    await expect.poll(() => size(site.siteId, 'DE'), { timeout: 10_000 }).toBeLessThan(fast)
    const best = await size(site.siteId, 'DE')

    const other = await publishedSite(api)
    for (const country of newLocations) await size(other.siteId, country)
    expect(await size(site.siteId, 'DE')).toBe(best) // still kept: the other site's variants are bounded apart

    for (const country of newLocations) await size(site.siteId, country)
    expect(await size(site.siteId, 'DE')).toBe(fast) // evicted by this site's newer variants: compressed anew, fast first
  })
})
