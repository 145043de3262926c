import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostileCases, type Case } from './hostile-cases'
import { listen, publishedSite, STORES, testApi, type Listening, type PublishedSite, type TestApi } from './helpers'
import { nodeListener } from '../src/node-listener'

describe.each(STORES)('hostile input (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  let table: Case[]
  let server: Listening
  beforeAll(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
    const other = await publishedSite(api)
    table = hostileCases(site, other.versionId, api.adminKey)
    server = await listen(nodeListener(api.served))
  })
  afterAll(async () => {
    await server?.close()
    await api.db.cleanup()
  })

  // In-process through the router, and over a socket through the listener `consentry serve` uses (fast paths).
  it.each(['routed', 'listener'] as const)(
    'answers at least 500 hostile bodies and headers with a 4xx JSON error naming the problem, never a 5xx, storing nothing (%s)',
    async (via) => {
      expect(table.length).toBeGreaterThanOrEqual(500)
      const failures: string[] = []
      for (const c of table) {
        const init = { method: c.method, headers: c.headers ?? {}, ...(c.body === undefined ? {} : { body: c.body }) }
        const res = via === 'routed' ? await api.app.request(c.path, init) : await fetch(server.url + c.path, init)
        const text = await res.text()
        let code: unknown
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown; details?: unknown } }).error?.code
        } catch {
          code = undefined
        }
        if (res.status < 400 || res.status > 499 || typeof code !== 'string') failures.push(`${c.name}: ${res.status} ${text.slice(0, 120)}`)
        if (res.status === 400 && code === 'invalid_input' && !Array.isArray((JSON.parse(text) as { error: { details?: unknown } }).error.details)) {
          failures.push(`${c.name}: 400 without field details`)
        }
      }
      expect(failures).toEqual([])
      expect(await api.db.store.countConsents(site.siteId)).toBe(0)
      expect((await api.db.store.listSites()).length).toBe(2)
      expect((await api.db.store.listConfigVersions(site.siteId)).length).toBe(1)
    },
  )
})
