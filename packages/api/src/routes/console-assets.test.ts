import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApi, type TestApi } from '../../test/helpers'

describe('console assets', () => {
  let api: TestApi
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-console-'))
    for (const f of ['index.html', 'console.js', 'preview.html', 'secret.txt']) writeFileSync(join(dir, f), `<!-- ${f} -->`)
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
})
