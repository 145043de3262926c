import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { startSiteServer, type Route, type SiteServer } from './support/site-server'
import { launchSystemChromium, scanResultSchema, scanSite, type ScanResult } from '../src/index'
import { bannerPage, DECLARED_ANALYTICS, ESSENTIAL_ANALYTICS, gated, siteConfig } from './site-pages'

let server: SiteServer
let browser: Browser
let port: number
const plainHeaders: { gpc: unknown; country: unknown }[] = []

const html =
  (body: string): Route =>
  (_req, res) =>
    void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)

beforeAll(async () => {
  // Pages are built per route: the leaky one needs the server's own port to load its "third-party" pixel from localhost.
  server = await startSiteServer(new URL('./fixtures/site', import.meta.url).pathname)
  port = Number(new URL(server.url).port)
  const pixelOrigin = `http://localhost:${port}`
  const routes: Record<string, Route> = {
    '/compliant/': html(bannerPage(siteConfig([DECLARED_ANALYTICS]), `<a href="/compliant/about">About</a>${gated('analytics', '/tags/analytics.js')}`)),
    '/compliant/about': html(bannerPage(siteConfig([DECLARED_ANALYTICS]), `<a href="/compliant/">Home</a>${gated('analytics', '/tags/analytics.js')}`)),
    '/leaky/': html(
      bannerPage(
        siteConfig([DECLARED_ANALYTICS]),
        `<script>window.PIXEL_ORIGIN = ${JSON.stringify(pixelOrigin)}</script><script src="/leaky/loader.js"></script>`,
      ),
    ),
    '/leaky/track': (_req, res) => void res.writeHead(204, { 'set-cookie': '_hjSessionUser_42=eyJpZCI6IjEifQ; Max-Age=31536000; Path=/; SameSite=Lax' }).end(),
    '/collect': (_req, res) => void res.writeHead(204).end(),
    '/undeclared/': html(
      bannerPage(
        siteConfig([DECLARED_ANALYTICS]),
        `${gated('analytics', '/tags/analytics.js')}${gated('analytics', '/tags/heatmap.js')}${gated('advertising', '/tags/ads.js')}`,
      ),
    ),
    '/essential/': html(bannerPage(siteConfig([ESSENTIAL_ANALYTICS]), '<script src="/tags/analytics.js"></script>')),
    // Something that looks like Consentry's API but never records a choice.
    '/fake/': html(
      `<!doctype html><title>Fake</title><script>window.consentry = { acceptAll() {}, rejectAll() {}, get: () => ({ config: { siteId: 'site_fake0001', services: [] }, consent: { decided: false } }) }</script>`,
    ),
    '/moved': (_req, res) => void res.writeHead(302, { location: '/compliant/' }).end(),
    '/plain/': (req, res) => {
      plainHeaders.push({ gpc: req.headers['sec-gpc'], country: req.headers['cf-ipcountry'] })
      html('<!doctype html><title>Plain</title><script src="/tags/ads.js"></script><script>fetch("/gpc-probe?nav=" + navigator.globalPrivacyControl)</script>')(
        req,
        res,
      )
    },
  }
  Object.assign(server.routes, routes)
  browser = await launchSystemChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const scan = async (path: string, extra: Partial<Parameters<typeof scanSite>[0]> = {}) => {
  const result = await scanSite({ url: server.url + path, browser, maxPages: 5, settleMs: 600, ...extra })
  // The output always matches its published schema.
  expect(scanResultSchema.safeParse(result).error).toBeUndefined()
  return result
}
const kinds = (r: ScanResult) => r.findings.map((f) => `${f.kind} ${f.subject.type} ${f.subject.name}`)

describe('scanSite on local example pages', () => {
  it('finds nothing wrong on a compliant page: tags wait for consent, every cookie is declared and seen', async () => {
    const r = await scan('/compliant/')
    expect(r.consentry).toMatchObject({ detected: true, siteId: 'site_scan0001', cookieName: 'consentry' })
    expect(r.passes).toEqual(['before', 'reject', 'accept'])
    expect(r.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/compliant/', '/compliant/about'])
    expect(kinds(r)).toEqual([])
    const ga = r.cookies.find((c) => c.name === '_ga')!
    expect(ga.passes).toEqual(['accept'])
    expect(ga.setBy[0]).toMatchObject({ via: 'document.cookie', url: `${server.url}/tags/analytics.js`, pass: 'accept' })
    expect(ga.classification.declared?.serviceId).toBe('site-analytics')
    expect(r.cookies.find((c) => c.name === 'consentry')?.passes).toEqual(['reject', 'accept'])
  })

  it('reports a tag that fires before consent with its URL and initiator, from script and from a Set-Cookie header', async () => {
    const r = await scan('/leaky/')
    const fbp = r.findings.find((f) => f.kind === 'before_consent' && f.subject.name === '_fbp')
    expect(fbp).toMatchObject({
      category: 'advertising',
      page: `${server.url}/leaky/`,
      responsible: { via: 'document.cookie', url: `http://localhost:${port}/tags/pixel.js`, initiator: `${server.url}/leaky/loader.js` },
    })
    const hotjar = r.findings.find((f) => f.kind === 'before_consent' && f.subject.name === '_hjSessionUser_42')
    expect(hotjar).toMatchObject({
      category: 'analytics',
      responsible: { via: 'set-cookie', url: `${server.url}/leaky/track`, initiator: `http://localhost:${port}/tags/pixel.js` },
    })
    const request = r.findings.find((f) => f.kind === 'before_consent' && f.subject.type === 'request')
    expect(request).toMatchObject({
      subject: { name: `localhost:${port}` },
      category: null,
      responsible: { url: `http://localhost:${port}/tags/pixel.js`, initiator: `${server.url}/leaky/loader.js` },
    })
    // The tag ignores the choice, so it fires after Reject all too.
    expect(kinds(r)).toContain('after_reject cookie _fbp')
    expect(r.cookies.find((c) => c.name === '_fbp')?.party).toBe('first')
  })

  it('lists undeclared cookies in the proposed declaration with the catalogue category, and leaves unknown ones unclassified', async () => {
    const r = await scan('/undeclared/')
    expect(kinds(r).filter((k) => k.startsWith('before') || k.startsWith('after'))).toEqual([])
    expect(kinds(r)).toEqual(
      expect.arrayContaining([
        'undeclared cookie _clck',
        'undeclared cookie _gcl_au',
        'undeclared cookie zz_mystery',
        'undeclared local_storage zz_heatmap_buffer',
      ]),
    )
    const services = r.proposed.config.services as { id: string; category: string; storage: { name: string }[] }[]
    expect(services.find((s) => s.id === 'microsoft-clarity')).toMatchObject({ category: 'analytics', storage: [{ name: '_clck' }] })
    expect(services.find((s) => s.id === 'google-ads')).toMatchObject({ category: 'advertising', storage: [{ name: '_gcl_au' }] })
    // The owner's own service is kept as written.
    expect(services.find((s) => s.id === 'site-analytics')).toEqual(
      expect.objectContaining({ name: 'Site analytics', storage: expect.arrayContaining([expect.objectContaining({ name: '_ga' })]) }),
    )
    expect(r.proposed.unclassified.map((u) => u.name).sort()).toEqual(['zz_heatmap_buffer', 'zz_mystery'])
    // localStorage keys with the script that wrote them; IndexedDB databases by name.
    expect(r.storage.find((s) => s.name === 'zz_heatmap_buffer')?.setBy[0]).toMatchObject({ pass: 'accept', url: `${server.url}/tags/heatmap.js` })
    expect(r.storage.find((s) => s.kind === 'indexed_db')).toMatchObject({ name: 'zz_heatmap_db', passes: ['accept'], classification: { category: null } })
    // Ready to publish: the proposal is a valid configuration.
    expect(siteConfigSchema.safeParse(r.proposed.config).error).toBeUndefined()
  })

  it('flags a cookie declared essential that the catalogue knows as analytics', async () => {
    const r = await scan('/essential/')
    const flagged = r.findings.filter((f) => f.kind === 'essential_but_tracking')
    expect(flagged).toEqual([expect.objectContaining({ subject: expect.objectContaining({ name: '_ga' }), category: 'analytics' })])
    expect(flagged[0]!.message).toMatch(/declared essential \(service site-core\) but our catalogue knows it as analytics \(Google Analytics\)/)
  })

  it('follows a redirect of the start URL and scans the page it lands on', async () => {
    const r = await scan('/moved', { maxPages: 1 })
    expect(r.url).toBe(`${server.url}/compliant/`)
    expect(r.consentry.detected).toBe(true)
  })

  it('reports a choice it could not make on the page instead of failing the scan', async () => {
    const r = await scan('/fake/', { maxPages: 1 })
    expect(r.consentry.detected).toBe(true)
    expect(r.pages[0]!.visits.map((v) => [v.pass, v.error?.replace(/:.*$/, '') ?? null])).toEqual([
      ['before', null],
      ['reject', 'could not reject through window.consentry'],
      ['accept', 'could not accept through window.consentry'],
    ])
  })

  it('scans a site without Consentry in the "before" pass only, with GPC and a visitor country sent', async () => {
    const r = await scan('/plain/', { gpc: true, country: 'de' })
    expect(r.consentry.detected).toBe(false)
    expect(r.passes).toEqual(['before'])
    expect(r.options).toMatchObject({ gpc: true, country: 'DE' })
    expect(kinds(r)).toEqual(['before_consent cookie _gcl_au'])
    // As a GPC browser in Germany behind a CDN: the header, the script-visible signal and the geo header.
    expect(plainHeaders.at(-1)).toEqual({ gpc: '1', country: 'DE' })
    expect(server.requests).toContain('/gpc-probe?nav=true')
  })
})
