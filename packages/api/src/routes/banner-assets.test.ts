import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApi, type TestApi } from '../../test/helpers'

describe('banner assets', () => {
  let api: TestApi
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-assets-'))
    mkdirSync(join(dir, 'i18n'))
    writeFileSync(join(dir, 'consentry.js'), '/* bundle */')
    writeFileSync(join(dir, 'consentry-panels.js'), '/* panels */')
    writeFileSync(join(dir, 'consentry-embeds.js'), 'export const embeds = 1\n'.repeat(100))
    writeFileSync(join(dir, 'i18n', 'de.json'), '{"banner.title":"Datenschutz"}')
    writeFileSync(join(dir, 'secret.txt'), 'not for the web')
    api = await testApi('sqlite', { bannerPath: join(dir, 'consentry.js') })
  })
  afterAll(async () => {
    await api.db.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves a chunk beside the bundle as cacheable JavaScript with a working ETag', async () => {
    const res = await api.app.request('/consentry-panels.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/javascript')
    expect(await res.text()).toBe('/* panels */')
    const again = await api.app.request('/consentry-panels.js', { headers: { 'if-none-match': res.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('sends a chunk gzip-compressed when the client accepts only gzip', async () => {
    const res = await api.app.request('/consentry-embeds.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe('export const embeds = 1\n'.repeat(100))
    const again = await api.app.request('/consentry-embeds.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': res.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('serves a translation to any origin', async () => {
    const res = await api.app.request('/i18n/de.json', { headers: { origin: 'https://shop.example' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.json()).toEqual({ 'banner.title': 'Datenschutz' })
  })

  it('answers 404 JSON for missing files and for any name outside the asset patterns', async () => {
    for (const path of ['/consentry-missing.js', '/i18n/xx.json', '/secret.txt', '/i18n/..%2Fsecret.txt', '/i18n/de.json.bak', '/consentry-..%2Fsecret.js']) {
      const res = await api.app.request(path)
      expect(res.status, path).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('not_found')
    }
  })
})
