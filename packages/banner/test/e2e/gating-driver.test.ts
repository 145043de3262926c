// Browser journeys over our gating, signals and cleanup modules in real Chromium, driven by a minimal
// ConsentSource on the shared consent model (test/fixtures/driver.ts), with local fake tags standing in for
// third parties. The same journeys through the real banner bundle live in gating-banner.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { build } from 'esbuild'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { GppModel } from '@iabgpp/cmpapi'
import { launchChromium } from '../support/chromium'
import { startTestServer, type TestServer } from '../support/static-server'

const FIXTURES = resolve(import.meta.dirname, '../fixtures')
let browser: Browser
let server: TestServer
let context: BrowserContext
let page: Page

beforeAll(async () => {
  const bundle = await build({ entryPoints: [resolve(FIXTURES, 'driver.ts')], bundle: true, format: 'iife', write: false, target: 'es2020', logLevel: 'error' })
  const driver = bundle.outputFiles[0]!.text
  server = await startTestServer({
    root: resolve(FIXTURES, 'gating'),
    routes: {
      '/driver.js': (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(driver),
      '/collect': (_req, res) => void res.writeHead(204).end(),
      '/csp.html': (_req, res) =>
        void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'nonce-n0nce'" }).end(
          `<!doctype html><html><head><script nonce="n0nce" src="/driver.js"></script>
<script type="text/plain" data-consentry="analytics" nonce="n0nce">(window.__runs = window.__runs || {}).withNonce = 1</script>
<script type="text/plain" data-consentry="analytics">(window.__runs = window.__runs || {}).withoutNonce = 1</script>
</head><body></body></html>`,
        ),
    },
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(query = '', options: { gpc?: boolean } = {}) {
  context = await browser.newContext()
  if (options.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  page = await context.newPage()
  server.requests.length = 0
  await page.goto(`${server.url}/index.html${query}`)
  await page.waitForLoadState('load')
}
beforeEach(async () => {
  await context?.close()
})

const hits = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix)).length
const runs = () => page.evaluate(() => ({ ...((window as unknown as { __runs?: Record<string, number> }).__runs ?? {}) }))
const cookieNames = async () =>
  (await context.cookies())
    .map((c) => c.name)
    .filter((n) => n !== 'consentry_test')
    .sort()
const decide = (method: string) => page.evaluate((m) => (window as unknown as { __driver: { decide(m: string): void } }).__driver.decide(m), method)
const settle = (ms = 600) => page.waitForTimeout(ms)
/** Waits (under load too) until the named fake tags have run; negative checks use a fixed settle instead. */
const waitRuns = (...keys: string[]) =>
  page.waitForFunction((k) => k.every((key) => (window as unknown as { __runs?: Record<string, number> }).__runs?.[key]), keys)
/** gtag commands in the dataLayer as arrays, and GTM events as `event:<name>`. */
const dataLayer = () =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer: unknown[] }).dataLayer ?? []).map((e) =>
      Object.prototype.toString.call(e) === '[object Arguments]'
        ? JSON.parse(JSON.stringify(Array.from(e as ArrayLike<unknown>)))
        : `event:${(e as { event?: string }).event}`,
    ),
  )

describe('gating in Chromium (opt-in regime, DE)', () => {
  it('EU-01/ADS-10: nothing non-essential runs, stores anything or sends a request before consent', async () => {
    await open()
    await settle()
    expect(hits('/tags/')).toBe(0)
    expect(hits('/collect')).toBe(0)
    expect(await cookieNames()).toEqual([])
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
    expect(await runs()).toEqual({ refused: 1 })
    expect(await page.locator('[data-consentry-placeholder]').getByRole('button', { name: 'Load content' }).isVisible()).toBe(true)
    expect(await page.locator('#video').getAttribute('src')).toBeNull()
  })

  it('EU-07: after Reject all still nothing, on this page and the next', async () => {
    await open()
    await decide('reject_all')
    await settle()
    await page.reload()
    await settle()
    expect(hits('/tags/') + hits('/collect')).toBe(0)
    expect(await cookieNames()).toEqual([])
    expect(await runs()).toEqual({ refused: 1 })
  })

  it('after Accept all each tag runs exactly once, on this page and from the stored choice on the next', async () => {
    await open()
    await decide('accept_all')
    await waitRuns('analytics', 'gaInline', 'ads')
    await expect.poll(() => hits('/collect?tag=video')).toBe(1)
    await settle()
    expect(await runs()).toEqual({ refused: 1, analytics: 1, gaInline: 1, ads: 1 })
    expect(hits('/tags/analytics.js')).toBe(1)
    expect(hits('/tags/ads.js')).toBe(1)
    expect(hits('/collect?tag=analytics&event=page_view')).toBe(1)
    expect(hits('/collect?tag=video')).toBe(1)
    expect(await page.locator('[data-consentry-placeholder]').count()).toBe(0)
    expect(await cookieNames()).toEqual(['VISITOR_INFO1_LIVE', '_fbp', '_ga', '_ga_TEST'])
    await page.reload()
    await waitRuns('analytics', 'gaInline', 'ads')
    await settle()
    expect(await runs()).toEqual({ analytics: 1, gaInline: 1, ads: 1 })
  })

  it('EU-12: withdrawal deletes the cookies and storage, tells the vendors, and stops the tags', async () => {
    await open()
    await decide('accept_all')
    await waitRuns('analytics', 'ads')
    await expect.poll(() => cookieNames()).toContain('VISITOR_INFO1_LIVE')
    expect(await cookieNames()).toContain('_ga')
    const reloaded = page.waitForEvent('load')
    await decide('withdraw')
    await reloaded // a tag that ran cannot be un-run: the page reloads without it
    await settle()
    const before = hits('/collect')
    await settle(1000)
    expect(hits('/collect')).toBe(before) // the heartbeat is gone
    expect(await cookieNames()).toEqual(['VISITOR_INFO1_LIVE']) // undeclared: nothing may delete what nobody declared
    expect(await page.evaluate(() => localStorage.getItem('ga_debug'))).toBeNull()
    expect(await runs()).toEqual({ refused: 1 })
    const layer = await dataLayer()
    expect(layer[0]).toMatchObject(['consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' }])
  })

  it('ADS-10: content inserted after load is gated, then runs once granted', async () => {
    await open()
    await page.evaluate(() => {
      const late = document.getElementById('late')!
      late.innerHTML =
        '<script type="text/plain" data-consentry="analytics">window.__runs.late = (window.__runs.late || 0) + 1</script>' +
        '<template data-consentry="functional"><p id="widget">widget</p></template>' +
        '<iframe id="late-video" data-consentry-service="youtube" data-src="/tags/video.html"></iframe>'
      // innerHTML scripts never run; a single-page app appends elements:
      const s = document.createElement('script')
      s.type = 'text/plain'
      s.setAttribute('data-consentry', 'analytics')
      s.text = 'window.__runs.late2 = (window.__runs.late2 || 0) + 1'
      late.append(s)
    })
    await settle()
    expect(await runs()).toEqual({ refused: 1 })
    expect(await page.locator('#widget').count()).toBe(0)
    expect(await page.locator('[data-consentry-placeholder]').count()).toBe(2)
    await decide('accept_all')
    await waitRuns('late', 'late2', 'analytics')
    await settle()
    expect(await runs()).toMatchObject({ late: 1, late2: 1, analytics: 1 })
    expect(await page.locator('#widget').textContent()).toBe('widget')
    expect(await page.locator('#late-video').getAttribute('src')).toBe('/tags/video.html')
    await page.evaluate(() => {
      const s = document.createElement('script')
      s.type = 'text/plain'
      s.setAttribute('data-consentry', 'analytics')
      s.text = 'window.__runs.afterGrant = (window.__runs.afterGrant || 0) + 1'
      document.body.append(s)
    })
    await waitRuns('afterGrant')
    await settle(100)
    expect((await runs()).afterGrant).toBe(1)
  })

  it('"Load content" loads one embed without granting anything', async () => {
    await open()
    await page.getByRole('button', { name: 'Load content' }).click()
    await expect.poll(() => hits('/tags/video.html')).toBe(1)
    await settle()
    expect(hits('/tags/video.html')).toBe(1)
    expect(hits('/tags/analytics.js')).toBe(0)
  })

  it('ADS-01/ADS-03: the Consent Mode default precedes the first config or event; one update per decision', async () => {
    await open()
    await decide('accept_all')
    await waitRuns('gaInline')
    const layer = await dataLayer()
    const isCommand = (e: unknown, name: string) => Array.isArray(e) && e[0] === name
    const firstDefault = layer.findIndex((e) => isCommand(e, 'consent') && (e as unknown[])[1] === 'default')
    const firstConfig = layer.findIndex((e) => isCommand(e, 'config') || isCommand(e, 'event') || isCommand(e, 'js'))
    expect(firstDefault).toBe(0)
    expect(firstConfig).toBeGreaterThan(firstDefault)
    expect((layer[0] as unknown[])[2]).toMatchObject({ wait_for_update: 500, ad_user_data: 'denied', ad_personalization: 'denied' })
    const updates = layer.filter((e) => isCommand(e, 'consent') && (e as unknown[])[1] === 'update')
    expect(updates).toHaveLength(1)
    expect(updates[0]).toMatchObject(['consent', 'update', { ad_storage: 'granted', analytics_storage: 'granted' }])
    expect(layer.indexOf(layer.find((e) => e === 'event:consentry_consent_update')!)).toBeLessThan(firstConfig)
    const fbq = await page.evaluate(() => {
      const f = (window as unknown as { fbq: { queue?: ArrayLike<unknown>[] } }).fbq
      return (f.queue ?? []).map((a) => Array.from(a)[0] + ':' + Array.from(a)[1])
    })
    // fbevents.js is not loaded here (our fake pixel), so the stub queue shows the order Meta would replay.
    expect(fbq.slice(0, 3)).toEqual(['consent:revoke', 'consent:grant', 'init:000000000000'])
  })
})

describe('Content Security Policy', () => {
  it('a gated inline script keeps its nonce and runs under a nonce-only CSP; one without a nonce stays blocked', async () => {
    context = await browser.newContext()
    page = await context.newPage()
    await page.goto(`${server.url}/csp.html`)
    await decide('accept_all')
    await waitRuns('withNonce')
    await settle(300)
    expect(await runs()).toEqual({ withNonce: 1 })
  })
})

describe('GPC in California (opt-out regime)', () => {
  it('GPC-03/ADS-07: advertising tags never run or set cookies, from the very first page load', async () => {
    await open('?country=US&region=CA', { gpc: true })
    await waitRuns('analytics')
    await settle()
    expect(hits('/tags/ads.js')).toBe(0)
    expect(hits('/collect?tag=ads')).toBe(0)
    expect(await cookieNames()).not.toContain('_fbp')
    expect((await runs()).analytics).toBe(1) // opt-out regime: analytics allowed until refused
    await decide('accept_all')
    await settle()
    expect(hits('/tags/ads.js')).toBe(0)
    expect((await runs()).ads).toBeUndefined()
    const layer = await dataLayer()
    const last = layer.filter((e) => Array.isArray(e) && e[0] === 'consent').at(-1) as unknown[]
    expect(last[2]).toMatchObject({ ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' })
  })

  it('IAB-01/IAB-06/IAB-08: __gpp and __uspapi answer with strings that @iabgpp/cmpapi decodes as opted out with Gpc', async () => {
    await open('?country=US&region=CA', { gpc: true })
    const ping = await page.evaluate(
      () =>
        new Promise<{ gppString: string; applicableSections: number[]; signalStatus: string; cmpId: number }>((ok) =>
          (window as unknown as { __gpp: (c: string, cb: (d: never) => void) => void }).__gpp('ping', ok),
        ),
    )
    expect(ping).toMatchObject({ applicableSections: [7, 8], signalStatus: 'ready', cmpId: 1 })
    const model = new GppModel(ping.gppString)
    for (const section of ['usnat', 'usca']) {
      expect(model.getFieldValue(section, 'SaleOptOut')).toBe(1)
      expect(model.getFieldValue(section, 'SharingOptOut')).toBe(1)
      expect(model.getFieldValue(section, 'Gpc')).toBe(true)
    }
    expect(model.getFieldValue('usnat', 'TargetedAdvertisingOptOut')).toBe(1)
    const usp = await page.evaluate(
      () => new Promise((ok) => (window as unknown as { __uspapi: (c: string, v: number, cb: (d: unknown) => void) => void }).__uspapi('getUSPData', 1, ok)),
    )
    expect(usp).toEqual({ version: 1, uspString: '1YYN' })
  })

  it('IAB-01: a frame finds __gppLocator and gets answers by postMessage', async () => {
    await open('?country=US&region=CA', { gpc: true })
    const reply = await page.evaluate(
      () =>
        new Promise((ok) => {
          const frame = document.createElement('iframe')
          frame.srcdoc = `<script>
            var f = window; while (f && !(function(){ try { return f.frames['__gppLocator'] } catch (e) {} })()) f = f === f.parent ? null : f.parent;
            window.addEventListener('message', function (e) { if (e.data && e.data.__gppReturn) parent.postMessage({ relay: e.data.__gppReturn }, '*') });
            f.postMessage({ __gppCall: { command: 'getField', parameter: 'usca.SaleOptOut', callId: 'x1' } }, '*');
          <\/script>`
          window.addEventListener('message', (e) => e.data?.relay && ok(e.data.relay))
          document.body.append(frame)
        }),
    )
    expect(reply).toEqual({ returnValue: 1, success: true, callId: 'x1' })
  })
})
