// The "Done when" journeys through the real banner bundle (dist/consentry.js, built by scripts/build.mjs):
// the banner first in <head>, gated fake tags after it, the visitor clicking the banner's own buttons.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { GppModel } from '@iabgpp/cmpapi'
import { launchChromium } from '../support/chromium'
import { startTestServer, type TestServer } from '../support/static-server'
import { inBanner } from '../support/pages'
import { TEST_CONFIG } from '../fixtures/source'

const FIXTURES = resolve(import.meta.dirname, '../fixtures')

/** A page with the banner first in <head>, then gated tags; geo from the script tag's data attributes. */
function page(attrs: string, vendor = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="application/json" data-consentry-config>${JSON.stringify(TEST_CONFIG)}</script>
<script src="/consentry.js" ${attrs}></script>${vendor}
<script type="text/plain" data-consentry-service="ga4" data-src="/tags/analytics.js"></script>
<script type="text/plain" data-consentry-service="ga4">gtag('js', new Date()); gtag('config', 'G-TEST'); (window.__runs = window.__runs || {}).gaInline = (window.__runs.gaInline || 0) + 1</script>
<script type="text/plain" data-consentry-service="meta-pixel" data-src="/tags/ads.js"></script>
<script type="text/plain" data-consentry-service="meta-pixel">fbq('init', '000000000000'); fbq('track', 'PageView')</script>
</head><body><h1>Shop</h1>
<iframe id="video" data-consentry-service="youtube" data-src="/tags/video.html" width="320" height="180" title="Video"></iframe>
<div id="late"></div></body></html>`
}

let browser: Browser
let server: TestServer
let context: BrowserContext
let tab: Page

beforeAll(async () => {
  const html = (attrs: string, vendor?: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(attrs, vendor))
  // An ungated ad vendor right after the banner: what it sees of __gpp while the page is still parsing.
  const vendor = `<script>window.__gppLog = [typeof __gpp];
__gpp('ping', function (d) { __gppLog.push('ping:' + d.signalStatus) });
__gpp('addEventListener', function (e) { __gppLog.push(e.eventName + ':' + e.data) });
__gpp('getField', function (v) { __gppLog.push('SaleOptOut:' + v) }, 'usnat.SaleOptOut');</script>`
  server = await startTestServer({
    root: resolve(FIXTURES, 'gating'),
    routes: {
      '/eu': html('data-country="DE"'),
      '/ca': html('data-country="US" data-region="CA"'),
      '/ca-vendor': html('data-country="US" data-region="CA"', vendor),
      // Google's own snippets pasted right after the banner, ungated: gtag config and the GTM loader's event.
      '/eu-google': html(
        'data-country="DE"',
        `<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments) }
gtag('js', new Date()); gtag('config', 'G-UNGATED'); dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' })</script>`,
      ),
      '/collect': (_req, res) => void res.writeHead(204).end(),
    },
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})
afterEach(async () => {
  await context?.close()
})

async function open(path: string, options: { gpc?: boolean } = {}) {
  context = await browser.newContext()
  if (options.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  tab = await context.newPage()
  server.requests.length = 0
  await tab.goto(server.url + path)
  await inBanner(tab, '[data-action]').first().waitFor()
}

const hits = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix)).length
const runs = () => tab.evaluate(() => ({ ...((window as unknown as { __runs?: Record<string, number> }).__runs ?? {}) }))
const trackerCookies = async () =>
  (await context.cookies())
    .map((c) => c.name)
    .filter((n) => n !== 'consentry')
    .sort()
const settle = (ms = 700) => tab.waitForTimeout(ms)
/** Waits (under load too) until the named fake tags have run; negative checks use a fixed settle instead. */
const waitRuns = (...keys: string[]) =>
  tab.waitForFunction((k) => k.every((key) => (window as unknown as { __runs?: Record<string, number> }).__runs?.[key]), keys)
const click = async (selector: string) => {
  await inBanner(tab, selector).first().click()
  await settle()
}

describe('gating through the real banner (Chromium)', () => {
  it('EU-01: in an opt-in regime nothing non-essential runs, stores anything or sends a request before consent', async () => {
    await open('/eu')
    await settle()
    expect(hits('/tags/') + hits('/collect')).toBe(0)
    expect(await trackerCookies()).toEqual([])
    expect(await tab.evaluate(() => localStorage.length)).toBe(0)
    expect(await runs()).toEqual({})
    expect(await tab.getByRole('button', { name: 'Load content' }).isVisible()).toBe(true)
  })

  it('EU-07: after Reject all still nothing, on this page and the next', async () => {
    await open('/eu')
    await click('[data-action=reject]')
    await tab.reload()
    await settle()
    expect(hits('/tags/') + hits('/collect')).toBe(0)
    expect(await trackerCookies()).toEqual([])
    expect(await runs()).toEqual({})
  })

  it('after Accept all each tag runs exactly once, and once again per page from the stored choice', async () => {
    await open('/eu')
    await click('[data-action=accept]')
    await waitRuns('analytics', 'gaInline', 'ads')
    await expect.poll(() => hits('/tags/video.html')).toBe(1)
    await settle()
    expect(await runs()).toEqual({ analytics: 1, gaInline: 1, ads: 1 })
    expect(hits('/tags/analytics.js')).toBe(1)
    expect(hits('/tags/ads.js')).toBe(1)
    expect(hits('/collect?tag=analytics&event=page_view')).toBe(1)
    expect(hits('/tags/video.html')).toBe(1)
    expect(await trackerCookies()).toEqual(['VISITOR_INFO1_LIVE', '_fbp', '_ga', '_ga_TEST'])
    await tab.reload()
    await waitRuns('analytics', 'gaInline', 'ads')
    await settle()
    expect(await runs()).toEqual({ analytics: 1, gaInline: 1, ads: 1 })
  })

  it('EU-12: withdrawing in the preferences deletes the cookies and storage and stops the tags', async () => {
    await open('/eu')
    await click('[data-action=accept]')
    await waitRuns('analytics', 'ads')
    await expect.poll(() => trackerCookies()).toContain('VISITOR_INFO1_LIVE')
    expect(await trackerCookies()).toContain('_ga')
    await click('[data-action=reopen]')
    const reloaded = tab.waitForEvent('load')
    await inBanner(tab, '[role=dialog] [data-action=reject]').click()
    await reloaded
    await settle()
    const before = hits('/collect')
    await settle(1000)
    expect(hits('/collect')).toBe(before)
    expect(await trackerCookies()).toEqual(['VISITOR_INFO1_LIVE']) // undeclared by the site: left alone
    expect(await tab.evaluate(() => localStorage.getItem('ga_debug'))).toBeNull()
    expect(await runs()).toEqual({})
  })

  it('ADS-01: the Consent Mode default is the first dataLayer entry, before any config or event', async () => {
    await open('/eu')
    await click('[data-action=accept]')
    await waitRuns('gaInline')
    const layer = await tab.evaluate(() =>
      (window as unknown as { dataLayer: unknown[] }).dataLayer.map((e) =>
        Object.prototype.toString.call(e) === '[object Arguments]'
          ? (Array.from(e as ArrayLike<unknown>).slice(0, 2) as string[]).join(' ')
          : `event:${(e as { event?: string }).event}`,
      ),
    )
    expect(layer[0]).toBe('consent default')
    const firstTag = layer.findIndex((e) => /^(config|event|js) /.test(e))
    expect(firstTag).toBeGreaterThan(0)
    expect(layer.filter((e) => e === 'consent update')).toHaveLength(1)
  })

  it('ADS-01: with ungated Google snippets right after the banner, the default still comes first; a repeat visit starts from the stored choice', async () => {
    const entries = () =>
      tab.evaluate(() =>
        (window as unknown as { dataLayer: unknown[] }).dataLayer.map((e) =>
          Object.prototype.toString.call(e) === '[object Arguments]'
            ? (JSON.parse(JSON.stringify(Array.from(e as ArrayLike<unknown>))) as unknown[])
            : [`event:${(e as { event?: string }).event}`],
        ),
      )
    await open('/eu-google')
    let layer = await entries()
    expect(layer[0]).toMatchObject(['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', wait_for_update: 500 }])
    const config = layer.findIndex(([command, id]) => command === 'config' && id === 'G-UNGATED')
    const gtm = layer.findIndex(([event]) => event === 'event:gtm.js')
    expect(config).toBeGreaterThan(0)
    expect(gtm).toBeGreaterThan(0)
    await click('[data-action=accept]')
    await waitRuns('gaInline')
    await tab.reload()
    await waitRuns('gaInline')
    layer = await entries()
    // The stored acceptance is in the default itself, before Google's snippet runs.
    expect(layer[0]).toMatchObject(['consent', 'default', { analytics_storage: 'granted', ad_storage: 'granted' }])
    expect(layer.findIndex(([command, id]) => command === 'config' && id === 'G-UNGATED')).toBeGreaterThan(0)
  })

  it('"Always allow" on an embed is recorded as a grant of that service: the embed loads on the next page by itself', async () => {
    await open('/eu')
    await tab.getByRole('button', { name: 'Always allow' }).click()
    await expect.poll(() => hits('/tags/video.html')).toBe(1)
    await settle()
    expect(hits('/tags/analytics.js')).toBe(0) // nothing else granted
    await tab.reload()
    await expect.poll(() => tab.locator('#video').getAttribute('src')).toBe('/tags/video.html')
    await settle()
    expect(await tab.locator('[data-consentry-placeholder]').count()).toBe(0)
    expect((await runs()).analytics).toBeUndefined()
  })

  it('ADS-10: content inserted after load is gated until consent', async () => {
    await open('/eu')
    await tab.evaluate(() => {
      const s = document.createElement('script')
      s.type = 'text/plain'
      s.setAttribute('data-consentry', 'analytics')
      s.text = '(window.__runs = window.__runs || {}).late = 1'
      document.getElementById('late')!.append(s)
    })
    await settle()
    expect(await runs()).toEqual({})
    await click('[data-action=accept]')
    await waitRuns('late')
    expect((await runs()).late).toBe(1)
  })
})

describe('US opt-out regime through the real banner (Chromium)', () => {
  it('ADS-01/ADS-03: before any choice the update granting analytics precedes the tags it lets run', async () => {
    await open('/ca')
    await waitRuns('analytics', 'gaInline')
    expect((await runs()).analytics).toBe(1)
    const layer = await tab.evaluate(() =>
      (window as unknown as { dataLayer: unknown[] }).dataLayer
        .filter((e) => Object.prototype.toString.call(e) === '[object Arguments]')
        .map((e) => JSON.parse(JSON.stringify(Array.from(e as ArrayLike<unknown>))) as [string, string, Record<string, unknown>?]),
    )
    expect(layer[0]).toMatchObject(['consent', 'default', { analytics_storage: 'denied' }])
    const update = layer.findIndex(([command, mode]) => command === 'consent' && mode === 'update')
    expect(layer[update]?.[2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'granted' })
    expect(update).toBeLessThan(layer.findIndex(([command]) => command === 'config'))
  })
})

describe('GPC in California through the real banner (Chromium)', () => {
  it('GPC-03/GPC-05: advertising tags never run or store anything, from the very first page load, with no prompt needed', async () => {
    await open('/ca', { gpc: true })
    await waitRuns('analytics')
    await settle()
    expect(hits('/tags/ads.js') + hits('/collect?tag=ads')).toBe(0)
    expect(await trackerCookies()).not.toContain('_fbp')
    expect((await runs()).ads).toBeUndefined()
    await tab.evaluate(() => (window as unknown as { consentry: { acceptAll(): void } }).consentry.acceptAll())
    await settle()
    expect(hits('/tags/ads.js')).toBe(0)
    expect((await runs()).ads).toBeUndefined()
  })

  it('IAB-01/IAB-03: a vendor script right after the banner finds __gpp, is answered at once, and hears "ready" last', async () => {
    await open('/ca-vendor', { gpc: true })
    const log = () => tab.evaluate(() => (window as unknown as { __gppLog: string[] }).__gppLog.slice())
    const first = await log()
    // With inline configuration the data is ready before the next script runs; from the API it may not be yet.
    expect(first[0]).toBe('function')
    expect(first[1]).toMatch(/^ping:(not ready|ready)$/)
    expect(first[2]).toBe('listenerRegistered:true')
    expect(first).toContain('SaleOptOut:1')
    await tab.evaluate(() => (window as unknown as { consentry: { acceptAll(): void } }).consentry.acceptAll())
    const events = (await log()).slice(first.length)
    // The first layer, announced as shown at start-up, closes with the decision: its display status is a
    // separate event; the signal chain itself still opens with "not ready" and ends with "ready".
    expect(first).toContain('cmpDisplayStatus:visible')
    expect(events).toContain('cmpDisplayStatus:hidden')
    const chain = events.filter((e) => !e.startsWith('cmpDisplayStatus:'))
    expect(chain[0]).toBe('signalStatus:not ready')
    expect(chain).toContain('sectionChange:usnat')
    expect(chain).toContain('sectionChange:usca')
    expect(chain.at(-1)).toBe('signalStatus:ready')
  })

  it('IAB-06/IAB-08: the GPP string decodes with @iabgpp/cmpapi as opted out with Gpc; USP is 1YYN', async () => {
    await open('/ca', { gpc: true })
    await settle()
    const ping = await tab.evaluate(
      () =>
        new Promise<{ gppString: string; applicableSections: number[] }>((ok) =>
          (window as unknown as { __gpp: (c: string, cb: (d: never) => void) => void }).__gpp('ping', ok),
        ),
    )
    expect(ping.applicableSections).toEqual([7, 8])
    const model = new GppModel(ping.gppString)
    expect(model.getFieldValue('usnat', 'SaleOptOut')).toBe(1)
    expect(model.getFieldValue('usca', 'SharingOptOut')).toBe(1)
    expect(model.getFieldValue('usca', 'Gpc')).toBe(true)
    const usp = await tab.evaluate(
      () => new Promise((ok) => (window as unknown as { __uspapi: (c: string, v: number, cb: (d: unknown) => void) => void }).__uspapi('getUSPData', 1, ok)),
    )
    expect(usp).toEqual({ version: 1, uspString: '1YYN' })
  })
})
