import { describe, expect, it } from 'vitest'
import { testApi } from '../test/helpers'
import type { OpenApiDocument } from './openapi'

/** `/v1/sites/:siteId/config` and `/:file{consentry-[a-z0-9-]+\.js}` as OpenAPI writes them. */
function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^/]*\})?\??/g, '{$1}')
}

describe('the OpenAPI document', () => {
  it('describes, with a summary, every route the app answers (chunks, i18n and the docs routes included)', async () => {
    const api = await testApi('sqlite')
    try {
      const doc = (await (await api.app.request('/v1/openapi.json')).json()) as OpenApiDocument
      const routes = new Set(api.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`))
      expect(routes.size).toBeGreaterThan(20)
      const missing = [...routes].filter((route) => {
        const [method, path] = route.split(' ') as [string, string]
        return !doc.paths[path]?.[method]?.summary
      })
      // A wildcard path (`/admin/*`) has no OpenAPI form: write it with a named parameter (`/admin/:path{.+}`).
      expect(missing, 'routes without operation(...) before their handler (see openapi.ts)').toEqual([])
      for (const route of ['get /i18n/{file}', 'get /{file}', 'get /docs', 'get /v1/openapi.json', 'options /v1/consents']) expect(routes).toContain(route)
    } finally {
      await api.db.cleanup()
    }
  })

  it('takes parameters and bodies from the routes’ validators, and marks admin routes as needing a key', async () => {
    const api = await testApi('sqlite')
    try {
      const doc = (await (await api.app.request('/v1/openapi.json')).json()) as OpenApiDocument
      const config = doc.paths['/v1/sites/{siteId}/config']!.get!
      expect(config.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual(expect.arrayContaining(['path siteId', 'query country', 'query region']))
      expect(config.security).toBeUndefined()
      const erase = doc.paths['/v1/admin/sites/{siteId}/subjects/erase']!.post!
      expect(erase.security).toEqual([{ bearer: [] }])
      expect(erase.requestBody).toBeDefined()
      expect(Object.keys(erase.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '4XX']))
      // A body the handler parses itself is stated on its route.
      expect(doc.paths['/v1/admin/sites/{siteId}/config-versions']!.post!.requestBody).toBeDefined()
    } finally {
      await api.db.cleanup()
    }
  })
})
