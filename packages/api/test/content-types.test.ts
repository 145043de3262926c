import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consentBody, postConsent, publishedSite, sampleConfig, STORES, testApi, type PublishedSite, type TestApi } from './helpers'

type Json = Record<string, any>

describe.each(STORES)('request bodies: media type and encoding (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(async () => api.db.cleanup())

  const adminPost = (path: string, body: BodyInit, type?: string) =>
    api.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${api.adminKey}`, ...(type ? { 'content-type': type } : {}) }, body })

  it('config-versions refuses bodies that are not JSON with 415', async () => {
    const json = JSON.stringify(sampleConfig(site.siteId))
    const form = new FormData()
    form.set('config', json)
    for (const [body, type] of [
      [json, 'text/plain'],
      [json, 'application/xml'],
      [form, undefined],
      [json, undefined],
    ] as [BodyInit, string | undefined][]) {
      const res = await adminPost(`/v1/admin/sites/${site.siteId}/config-versions`, body, type)
      expect(res.status, String(type)).toBe(415)
      expect(((await res.json()) as Json).error.code).toBe('unsupported_media_type')
    }
    expect((await api.db.store.listConfigVersions(site.siteId)).length).toBe(1)
  })

  it('refuses admin JSON that is not valid UTF-8, instead of storing U+FFFD', async () => {
    const text = JSON.stringify(sampleConfig(site.siteId, { name: 'Caf__ shop' }))
    const bytes = Buffer.from(text, 'utf8')
    const at = bytes.indexOf('__')
    bytes[at] = 0xc3 // a lead byte without its continuation byte
    bytes[at + 1] = 0x28
    const res = await adminPost(`/v1/admin/sites/${site.siteId}/config-versions`, bytes, 'application/json')
    expect(res.status).toBe(400)
    expect(((await res.json()) as Json).error.message).toContain('UTF-8')
    const patch = await api.app.request(`/v1/admin/sites/${site.siteId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: Buffer.from([...Buffer.from('{"name":"x'), 0xff, ...Buffer.from('"}')]),
    })
    expect(patch.status).toBe(400)
    expect(((await (await api.admin('GET', `/v1/admin/sites/${site.siteId}`)).json()) as Json).name).toBe('Shop')
    // Valid UTF-8 beyond ASCII passes.
    expect(
      (await adminPost(`/v1/admin/sites/${site.siteId}/config-versions`, JSON.stringify(sampleConfig(site.siteId, { name: 'Café ☕ 店' })), 'application/json'))
        .status,
    ).toBe(201)
  })

  it('a consent posted with the wrong content type is told so, not that every field is missing', async () => {
    const res = await postConsent(api, consentBody(site), { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    const body = (await res.json()) as Json
    expect(body.error.code).toBe('unsupported_media_type')
    expect(body.error.message).toContain('text/plain')
  })
})
