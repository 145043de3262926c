import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApi, type TestApi } from '../../test/helpers'

const SCRIPT = `console.log(${JSON.stringify('the console '.repeat(200))})`

describe('console assets', () => {
  let api: TestApi
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-console-'))
    for (const f of ['index.html', 'preview.html', 'secret.txt']) writeFileSync(join(dir, f), `<!-- ${f} -->`)
    writeFileSync(join(dir, 'console.js'), SCRIPT)
    api = await testApi('sqlite', { consoleDir: dir })
  })
  afterAll(async () => {
    await api.db.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the console page with a CSP that allows no inline script and no framing', async () => {
    const res = await api.app.request('/admin/')
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(await res.text()).toBe('<!-- index.html -->')
    expect((await api.app.request('/admin')).headers.get('location')).toBe('/admin/')
  })

  it('lets only the console frame the preview, and serves nothing but the console files', async () => {
    const res = await api.app.request('/admin/preview.html')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect((await api.app.request('/admin/secret.txt')).status).toBe(404)
    expect((await api.app.request('/admin/..%2Fpackage.json')).status).toBe(404)
  })

  it('sends the script compressed to a browser that accepts it, with an ETag of that coding that revalidates', async () => {
    const res = await api.app.request('/admin/console.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.length).toBeLessThan(SCRIPT.length / 4)
    expect(gunzipSync(body).toString()).toBe(SCRIPT)
    const etag = res.headers.get('etag')!
    const again = await api.app.request('/admin/console.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })
    expect(again.status).toBe(304)
    const plain = await api.app.request('/admin/console.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(SCRIPT)
  })
})
