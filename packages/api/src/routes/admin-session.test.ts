import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonInit, STORES, testApi, type TestApi } from '../../test/helpers'

type Json = Record<string, any>

/** The session cookie's `name=value` from a Set-Cookie header, and the header itself. */
function sessionCookie(res: Response): { pair: string; header: string } {
  const header = res.headers.getSetCookie().find((h) => h.includes('consentry_session='))
  if (!header) throw new Error('no session cookie')
  return { pair: header.split(';')[0]!, header }
}

describe.each(STORES)('console sessions (%s)', (kind) => {
  let api: TestApi
  beforeEach(async () => {
    api = await testApi(kind, { session: { idleMs: 400 }, signInRateLimit: { burst: 3, perSecond: 0.001 } })
  })
  afterEach(async () => api.db.cleanup())

  const signIn = (body: unknown, url = 'http://console.test/v1/admin/session') => api.app.request(url, jsonInit('POST', body))
  const withCookie = (cookie: string, method: string, path: string, body?: unknown, csrf?: string) =>
    api.app.request(path, jsonInit(method, body, { cookie, ...(csrf ? { 'x-consentry-csrf': csrf } : {}) }))

  it('exchanges an admin key for an HttpOnly SameSite=Strict cookie that every admin route accepts', async () => {
    const res = await signIn({ key: api.adminKey })
    expect(res.status).toBe(201)
    const { pair, header } = sessionCookie(res)
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Strict/)
    expect(header).not.toMatch(/Secure/)
    // Beside it, the readable flag the console checks before asking for its session (no credential in it).
    const hint = res.headers.getSetCookie().find((h) => h.startsWith('consentry_signed_in='))
    expect(hint).toMatch(/^consentry_signed_in=1;/)
    expect(hint).not.toMatch(/HttpOnly/)
    expect(hint).toMatch(/SameSite=Strict/)
    const body = (await res.json()) as Json
    expect(body).toMatchObject({ label: 'test admin', siteIds: null })
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect((await withCookie(pair, 'GET', '/v1/admin/sites')).status).toBe(200)
    expect(((await (await withCookie(pair, 'GET', '/v1/admin/session')).json()) as Json).keyId).toBe(body.keyId)
  })

  it('marks the cookie Secure and __Host- when served over HTTPS', async () => {
    const res = await signIn({ key: api.adminKey }, 'https://console.test/v1/admin/session')
    const { header } = sessionCookie(res)
    expect(header).toMatch(/^__Host-consentry_session=/)
    expect(header).toMatch(/Secure/)
  })

  it('refuses a cookie-authenticated change without the CSRF token, and accepts it with the token', async () => {
    const res = await signIn({ key: api.adminKey })
    const { pair } = sessionCookie(res)
    const { csrfToken } = (await res.json()) as Json
    const without = await withCookie(pair, 'POST', '/v1/admin/sites', { name: 'Blog' })
    expect(without.status).toBe(403)
    const wrong = await withCookie(pair, 'POST', '/v1/admin/sites', { name: 'Blog' }, 'x'.repeat(43))
    expect(wrong.status).toBe(403)
    const ok = await withCookie(pair, 'POST', '/v1/admin/sites', { name: 'Blog' }, csrfToken)
    expect(ok.status).toBe(201)
  })

  it('refuses wrong keys, then rate-limits sign-in attempts from the same client', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await signIn({ key: `csk_wrong${i}` })).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const limited = await signIn({ key: api.adminKey })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('refuses a sign-in posted from another site’s page', async () => {
    const res = await api.app.request(
      'http://console.test/v1/admin/session',
      jsonInit('POST', { key: api.adminKey }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    )
    expect(res.status).toBe(403)
    expect(res.headers.getSetCookie()).toEqual([])
    const same = await api.app.request(
      'http://console.test/v1/admin/session',
      jsonInit('POST', { key: api.adminKey }, { origin: 'http://console.test', 'sec-fetch-site': 'same-origin' }),
    )
    expect(same.status).toBe(201)
  })

  it('signs in once through a one-time link minted with a key', async () => {
    const minted = await api.admin('POST', '/v1/admin/session/links')
    expect(minted.status).toBe(201)
    const { token, path } = (await minted.json()) as Json
    expect(path).toBe(`/admin/#signin=${token}`)
    const first = await signIn({ token })
    expect(first.status).toBe(201)
    expect((await withCookie(sessionCookie(first).pair, 'GET', '/v1/admin/sites')).status).toBe(200)
    expect((await signIn({ token })).status).toBe(401)
  })

  it('ends the session when its key is revoked', async () => {
    const created = (await (await api.admin('POST', '/v1/admin/keys', { label: 'colleague' })).json()) as Json
    const res = await signIn({ key: created.key })
    const { pair } = sessionCookie(res)
    expect((await withCookie(pair, 'GET', '/v1/admin/sites')).status).toBe(200)
    expect((await api.admin('DELETE', `/v1/admin/keys/${created.id}`)).status).toBe(204)
    expect((await withCookie(pair, 'GET', '/v1/admin/sites')).status).toBe(401)
  })

  it('ends a session left idle, and on sign-out', async () => {
    const a = sessionCookie(await signIn({ key: api.adminKey })).pair
    await new Promise((r) => setTimeout(r, 500))
    expect((await withCookie(a, 'GET', '/v1/admin/sites')).status).toBe(401)
    const res = await signIn({ key: api.adminKey })
    const b = sessionCookie(res).pair
    const { csrfToken } = (await res.json()) as Json
    const out = await withCookie(b, 'DELETE', '/v1/admin/session', undefined, csrfToken)
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie().some((h) => /consentry_session=;/.test(h))).toBe(true)
    expect(out.headers.getSetCookie().some((h) => /^consentry_signed_in=;.*Max-Age=0/.test(h))).toBe(true)
    expect((await withCookie(b, 'GET', '/v1/admin/sites')).status).toBe(401)
  })

  it('ends a session at its absolute expiry even when in use', async () => {
    const short = await testApi(kind, { session: { absoluteMs: 300, idleMs: 10_000 } })
    try {
      const res = await short.app.request('/v1/admin/session', jsonInit('POST', { key: short.adminKey }))
      const { pair } = sessionCookie(res)
      const get = () => short.app.request('/v1/admin/sites', { headers: { cookie: pair } })
      expect((await get()).status).toBe(200)
      await new Promise((r) => setTimeout(r, 150))
      expect((await get()).status).toBe(200)
      await new Promise((r) => setTimeout(r, 200))
      expect((await get()).status).toBe(401)
    } finally {
      await short.db.cleanup()
    }
  })
})
