import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApi, type TestApi } from '../../test/helpers'

describe('OpenAPI and docs', () => {
  let api: TestApi
  beforeAll(async () => {
    api = await testApi('sqlite')
  })
  afterAll(async () => api.db.cleanup())

  it('REC-01: publishes an OpenAPI 3.1 document whose consent body schema requires every §2.1 field', async () => {
    const res = await api.app.request('/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> } }>
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    const consent = doc.paths['/v1/consents']!.post!.requestBody!.content['application/json']!.schema
    for (const field of [
      'siteId',
      'visitorId',
      'method',
      'categories',
      'doNotSell',
      'gpc',
      'policyRevision',
      'configVersionId',
      'locale',
      'jurisdiction',
      'bannerVersion',
      'pageUrl',
    ]) {
      expect(consent.required, field).toContain(field)
    }
    // REC-03: the body has no place for a raw IP or user agent.
    expect(Object.keys(consent.properties ?? {})).not.toContain('ip')
    expect(Object.keys(consent.properties ?? {})).not.toContain('userAgent')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sites/{siteId}/config', '/v1/keys', '/v1/admin/sites/{siteId}/verify']))
  })

  it('serves a docs page listing every operation', async () => {
    const res = await api.app.request('/docs')
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('/v1/admin/sites/{siteId}/subjects/erase')
    expect(html.match(/<tr><td><code>/g)?.length).toBeGreaterThanOrEqual(20)
  })
})
