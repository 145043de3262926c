import type { ConfigResponse } from '@consentry/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalRecord, chainHash, GENESIS_HASH, type ConsentRecord } from '../records/chain'
import { consentBody, postConsent, rawQuery, sampleConfig, STORES, testApi, type PublishedSite, type TestApi } from '../../test/helpers'

type Json = Record<string, any>

// Issue 17 on the wire: strict configuration, regime rules in the config response, sale-free sites, and the
// US opt-outs in records and exports, on both stores.
describe.each(STORES)('site policy (%s)', (kind) => {
  let api: TestApi
  let siteId: string
  beforeEach(async () => {
    api = await testApi(kind)
    const created = await api.admin('POST', '/v1/admin/sites', { name: 'Shop', allowedOrigins: ['https://shop.example'] })
    siteId = ((await created.json()) as Json).id
  })
  afterEach(async () => api.db.cleanup())

  const publish = async (overrides: Json = {}) => api.admin('POST', `/v1/admin/sites/${siteId}/config-versions`, { ...sampleConfig(siteId), ...overrides })
  const published = async (overrides: Json = {}): Promise<PublishedSite> => {
    const res = await publish(overrides)
    expect(res.status, await res.clone().text()).toBe(201)
    const v = (await res.json()) as Json
    return { siteId, versionId: v.id, configHash: v.hash }
  }

  it('refuses unknown keys anywhere with a 400 naming the path and the field probably meant', async () => {
    const res = await publish({
      apperance: { layout: 'box' },
      consent: { lifetimeDay: 30 },
      controller: { name: 'X', representatives: { eu: { name: 'Rep', contcat: 'x' } } },
      services: [{ ...sampleConfig(siteId).services![0], storage: [{ name: '_ga', lifetime: 1, description: 'd', party: 'first', partie: 'x' }] }],
    })
    expect(res.status).toBe(400)
    const details = ((await res.json()) as Json).error.details as { path: string; message: string }[]
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'apperance', message: 'unknown field "apperance" (did you mean "appearance"?)' },
        { path: 'consent.lifetimeDay', message: 'unknown field "lifetimeDay" (did you mean "lifetimeDays"?)' },
        { path: 'controller.representatives.eu.contcat', message: 'unknown field "contcat" (did you mean "contact"?)' },
        { path: 'services.0.storage.0.partie', message: 'unknown field "partie" (did you mean "party"?)' },
      ]),
    )
    expect((await api.admin('GET', `/v1/admin/sites/${siteId}/config-versions`)).status).toBe(200)
    expect(((await (await api.admin('GET', `/v1/admin/sites/${siteId}/config-versions`)).json()) as Json).versions).toEqual([])
  })

  it("refuses allowedOrigins in a configuration and says where it lives; the site record's list drives CORS", async () => {
    const res = await publish({ allowedOrigins: ['https://shop.example'] })
    expect(res.status).toBe(400)
    const detail = ((await res.json()) as Json).error.details[0]
    expect(detail.path).toBe('allowedOrigins')
    expect(detail.message).toContain('site record')
    await published()
    const allowed = await api.app.request(`/v1/sites/${siteId}/config`, { headers: { origin: 'https://shop.example' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const other = await api.app.request(`/v1/sites/${siteId}/config`, { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a rule for an unknown country with a 400 naming the rule and why, in the schema’s words', async () => {
    const res = await publish({ jurisdiction: { rules: { CA: 'opt_out', UK: 'opt_in' } } })
    expect(res.status).toBe(400)
    expect(((await res.json()) as Json).error.details).toEqual([{ path: 'jurisdiction.rules.UK', message: 'must start with an ISO 3166-1 country code' }])
  })

  it('shows per-site rules in the config response and resolves Quebec, Ontario and an override', async () => {
    await published({ jurisdiction: { defaultRegime: 'opt_out', rules: { BR: 'notice', 'US-CA': 'opt_in' } } })
    const get = async (q: string) => (await (await api.app.request(`/v1/sites/${siteId}/config?${q}`)).json()) as ConfigResponse
    const quebec = await get('country=CA&region=QC')
    expect(quebec.config.jurisdiction.rules).toEqual({ BR: 'notice', 'US-CA': 'opt_in' })
    expect(quebec.jurisdiction).toMatchObject({ ruleset: 'quebec', regime: 'opt_in', source: 'built_in' })
    expect((await get('country=CA&region=ON')).jurisdiction).toMatchObject({ ruleset: 'canada', regime: 'opt_out', source: 'default' })
    expect((await get('country=BR')).jurisdiction).toMatchObject({ ruleset: 'lgpd', regime: 'notice', source: 'site_rule' })
    expect((await get('country=US&region=CA')).jurisdiction).toMatchObject({ regime: 'opt_in', gpcMandated: true, showDoNotSell: true })
  })

  it('a sale-free site: no Do Not Sell control, GPC rights kept, the statement recorded and exported', async () => {
    const site = await published({ dataPractices: { sellsOrShares: false } })
    const config = (await (await api.app.request(`/v1/sites/${siteId}/config?country=US&region=CA`)).json()) as ConfigResponse
    expect(config.jurisdiction).toMatchObject({ usPrivacy: true, showDoNotSell: false, gpcMandated: true })
    const res = await postConsent(api, consentBody(site, { method: 'gpc', gpc: true, doNotSell: true, jurisdiction: 'US-CA' }))
    expect(res.status).toBe(201)
    const [record] = ((await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents`)).json()) as Json).items as Json[]
    expect(record).toMatchObject({
      saleFree: true,
      canonicalVersion: 2,
      optOuts: { sale: true, sharing: true, targetedAds: true, sensitiveLimit: false, profiling: false },
    })
  })

  it('US-02: keeps each opt-out apart in records and exports; a dns_link record never reads as ads granted', async () => {
    const site = await published()
    const optOuts = { sale: true, sharing: true, targetedAds: true, sensitiveLimit: true, profiling: true }
    const body = consentBody(site, {
      method: 'dns_link',
      doNotSell: true,
      optOuts,
      jurisdiction: 'US-NJ',
      categories: { functional: true, analytics: true, advertising: true },
    })
    expect((await postConsent(api, body)).status).toBe(201)
    expect(
      (await postConsent(api, consentBody(site, { method: 'accept_all', categories: { functional: true, analytics: true, advertising: true } }))).status,
    ).toBe(201)
    const items = ((await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents`)).json()) as Json).items as Json[]
    expect(items[0]).toMatchObject({ method: 'dns_link', categories: { advertising: true }, advertisingEffective: false, optOuts, saleFree: false })
    expect(items[1]).toMatchObject({ method: 'accept_all', advertisingEffective: true, optOuts: { sale: false, sharing: false, profiling: false } })
    const csv = await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents/export?format=csv`)).text()
    const [header, first] = csv.split('\r\n').map(csvFields)
    const cell = (name: string) => first![header!.indexOf(name)]
    for (const name of [
      'advertising',
      'advertisingEffective',
      'doNotSell',
      'optOutSharing',
      'optOutTargetedAds',
      'limitSensitiveData',
      'optOutProfiling',
      'saleFree',
    ]) {
      expect(header, name).toContain(name)
    }
    expect([cell('advertising'), cell('advertisingEffective'), cell('optOutProfiling'), cell('limitSensitiveData'), cell('saleFree')]).toEqual([
      'true',
      'false',
      'true',
      'true',
      'false',
    ])
    const ndjson = (await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents/export?format=ndjson`)).text()).trim().split('\n')
    expect(JSON.parse(ndjson[0]!)).toMatchObject({ optOuts, advertisingEffective: false })
  })

  it('a record kept before migration 0001 (canonical form 1, new columns null) still verifies', async () => {
    const site = await published()
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    const [row] = ((await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents`)).json()) as Json).items as Json[]
    // Rewrite the stored row as the old code wrote it: form-1 hash, nothing in the new columns.
    const asOld = {
      ...recordOf(row!),
      canonicalVersion: 1,
      optOutSharing: null,
      optOutTargetedAds: null,
      limitSensitiveData: null,
      optOutProfiling: null,
      saleFree: null,
    }
    const salt = (await rawQuery(kind, api.db.location, 'select salt from consents where id = $1', [row!.id]))[0]!.salt as string
    const hash = chainHash(GENESIS_HASH, canonicalRecord({ ...asOld, salt }))
    const nulls = 'opt_out_sharing = null, opt_out_targeted_ads = null, limit_sensitive_data = null, opt_out_profiling = null, sale_free = null'
    await rawQuery(kind, api.db.location, `update consents set canonical_version = 1, ${nulls}, hash = $1 where id = $2`, [hash, row!.id])
    await rawQuery(kind, api.db.location, 'update sites set head_hash = $1 where id = $2', [hash, siteId])
    const report = (await (await api.admin('GET', `/v1/admin/sites/${siteId}/verify`)).json()) as Json
    expect(report).toMatchObject({ valid: true, checked: 1 })
    const [old] = ((await (await api.admin('GET', `/v1/admin/sites/${siteId}/consents`)).json()) as Json).items as Json[]
    expect(old).toMatchObject({ canonicalVersion: 1, saleFree: null, optOuts: { sale: false, sharing: null } })
    // A new record chains on top of it, in form 2, and the chain still holds.
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    expect((await (await api.admin('GET', `/v1/admin/sites/${siteId}/verify`)).json()) as Json).toMatchObject({ valid: true, checked: 2 })
  })
})

/** The stored record behind a record view (what the hash covers). */
function recordOf(v: Json): Omit<ConsentRecord, 'seq' | 'hash' | 'prevHash' | 'erasedAt' | 'salt'> {
  return {
    id: v.id,
    siteId: v.siteId,
    visitorId: v.visitorId,
    externalUserId: v.externalUserId,
    idempotencyKey: null,
    method: v.method,
    functional: v.categories.functional,
    analytics: v.categories.analytics,
    advertising: v.categories.advertising,
    services: JSON.stringify(Object.fromEntries(Object.entries(v.services).sort())),
    doNotSell: v.doNotSell,
    optOutSharing: v.optOuts.sharing,
    optOutTargetedAds: v.optOuts.targetedAds,
    limitSensitiveData: v.optOuts.sensitiveLimit,
    optOutProfiling: v.optOuts.profiling,
    saleFree: v.saleFree,
    canonicalVersion: v.canonicalVersion,
    gpc: v.gpc,
    secGpc: v.secGpc,
    policyRevision: v.policyRevision,
    configVersionId: v.configVersionId,
    configHash: v.configHash,
    locale: v.locale,
    jurisdiction: v.jurisdiction,
    bannerVersion: v.bannerVersion,
    pageUrl: v.pageUrl,
    decidedAt: v.decidedAt,
    gppString: v.gppString,
    ip: v.ip,
    userAgent: v.userAgent,
    personalDigest: v.personalDigest,
    receivedAt: v.receivedAt,
    externalUserVerified: v.externalUserVerified,
    serverJurisdiction: v.serverJurisdiction,
  }
}

/** RFC 4180 fields of one CSV line. */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'))
}
