import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerResponse } from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { AXE_PATH, SITE, WCAG_TAGS, inBanner, sitePage } from '../support/pages'

let browser: Browser
let server: TestServer
const html = (body: string) => (_req: unknown, res: ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
const config = {
  controller: {
    name: 'Example Shop Ltd',
    contact: 'Write to [our privacy team](https://shop.example/contact).',
    representatives: { eu: { name: 'EU Rep GmbH' } },
  },
}
/** A plain privacy page with its own typography (the declaration inherits it; `sitePage`'s hostile colours would not pass axe). */
const privacyPage = (
  lang: string,
) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Privacy</title>
<style>body{font:16px/1.5 Georgia,serif;color:#222;background:#fff;max-width:50rem;margin:auto}a{color:#0645ad}</style></head>
<body><main><h1>Privacy policy</h1><p>What we keep and why.</p><div data-consentry-declaration></div></main>
<script type="application/json" data-consentry-config>${JSON.stringify({ ...SITE, ...config })}</script>
<script src="/consentry.js"></script></body></html>`

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/privacy-en': html(privacyPage('en')),
      '/privacy-de': html(privacyPage('de')),
      // A single-page app's shell: no declaration element until a route draws one.
      '/app': html(privacyPage('en').replace('<div data-consentry-declaration></div>', '')),
      '/sale-free-us': html(sitePage({ config: { dataPractices: { sellsOrShares: false } }, attrs: { 'data-country': 'US', 'data-region': 'CA' } })),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** axe-core (WCAG 2.0–2.2 A/AA) over the declaration, as an auditor reads the page's light DOM. */
async function axeDeclaration(page: Page): Promise<unknown[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe
    const result = await axe.run({ include: [['[data-consentry-declaration]']] }, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }))
  }, WCAG_TAGS)
}

const scripts = () => server.requests.map((r) => r.path).filter((p) => p.endsWith('.js'))

describe('cookie declaration on a privacy page (Chromium)', () => {
  it('renders in English in the light DOM with zero axe violations, without the dialogs chunk', async () => {
    server.requests.length = 0
    const page = await browser.newPage()
    await page.goto(`${server.url}/privacy-en`)
    const section = page.locator('[data-consentry-declaration] section.consentry-declaration')
    await section.waitFor()
    expect(await section.getAttribute('lang')).toBe('en')
    const text = await section.textContent()
    for (const expected of ['Your choice', 'Google Analytics', '_ga', 'Google Ireland Ltd', 'Third party', 'EU Rep GmbH', 'Example Shop Ltd'])
      expect(text).toContain(expected)
    expect(await page.locator('[data-consentry-declaration] a[href="https://shop.example/contact"]').count()).toBe(1)
    expect(await axeDeclaration(page)).toEqual([])
    expect(scripts()).toContain('/consentry-declaration.js')
    expect(scripts()).not.toContain('/consentry-panels.js')
    // "Change" opens the preferences center; after a choice the declaration shows it.
    await page.locator('[data-consentry-declaration] button[data-action=change]').click()
    await inBanner(page, '.prefs [data-action=reject]').click()
    await page.locator('.consentry-declaration-choice code').waitFor()
    expect(await section.textContent()).toContain('Analytics: Refused')
    expect(await axeDeclaration(page)).toEqual([])
    await page.close()
  })

  it.each(['en', 'de'])('WCAG 1.4.10: on a 320 px phone the declaration (%s) reflows: the page neither scrolls sideways nor zooms out', async (lang) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    const page = await context.newPage()
    await page.goto(`${server.url}/privacy-${lang}`)
    await page.locator('table.consentry-declaration-storage').first().waitFor()
    // A phone widens its layout viewport to fit what overflows (innerWidth grows), which also moves the fixed bar.
    const widths = await page.evaluate(() => ({ inner: innerWidth, scroll: document.documentElement.scrollWidth }))
    expect(widths).toEqual({ inner: 320, scroll: 320 })
    const past = await page.evaluate(() =>
      [...document.querySelectorAll('[data-consentry-declaration] *')].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => e.tagName),
    )
    expect(past).toEqual([])
    await context.close()
  })

  it("renders in German (the page's language) with zero axe violations", async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/privacy-de`)
    const section = page.locator('[data-consentry-declaration] section.consentry-declaration[lang=de]')
    await section.waitFor()
    await page.waitForFunction(() => document.querySelector('[data-consentry-declaration] h2')?.textContent === 'Ihre Auswahl')
    const text = await section.textContent()
    for (const expected of ['Ihre Auswahl', 'Verantwortlicher', 'Vertreter in der EU', 'Drittanbieter']) expect(text).toContain(expected)
    expect(await axeDeclaration(page)).toEqual([])
    await page.close()
  })
})

describe('cookie declaration in a single-page app (Chromium)', () => {
  it('loads its chunk only when a route adds the element, fills each element added later, and again after a route change', async () => {
    server.requests.length = 0
    const page = await browser.newPage()
    await page.goto(`${server.url}/app`)
    await page.locator('#consentry-first-layer [data-action=accept]').waitFor()
    await page.waitForTimeout(300)
    expect(scripts()).not.toContain('/consentry-declaration.js')
    // The privacy route renders the element, as a framework would.
    const route = (html: string) => page.evaluate((h) => (document.querySelector('main')!.innerHTML = h), html)
    await route('<h1>Privacy</h1><div data-consentry-declaration></div>')
    await page.locator('main section.consentry-declaration').waitFor()
    expect(scripts()).toContain('/consentry-declaration.js')
    await route('<h1>Home</h1>')
    await route('<h1>Privacy</h1><div data-consentry-declaration data-consentry-heading="3"></div><div id="second" data-consentry-declaration></div>')
    await expect.poll(() => page.locator('main section.consentry-declaration').count()).toBe(2)
    expect(await page.locator('main section.consentry-declaration h3').first().textContent()).toBeTruthy()
    // Both follow the visitor's choice.
    await page.locator('#consentry-first-layer [data-action=reject]').click()
    await expect.poll(() => page.locator('#second .consentry-declaration-choice').textContent()).toContain('Analytics: Refused')
    expect(await page.locator('main .consentry-declaration-choice').first().textContent()).toContain('Analytics: Refused')
    await page.close()
  })
})

describe('sale-free site for a California visitor (Chromium)', () => {
  it('shows no Do Not Sell control, hides the footer link, and its GPP string marks sale not applicable', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/sale-free-us`)
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(await inBanner(page, '[data-action=dns]').count()).toBe(0)
    expect(await page.locator('[data-consentry-dns]').isHidden()).toBe(true)
    const fields = await page.evaluate(
      () =>
        new Promise<unknown[]>((ok) => {
          const gpp = (window as unknown as { __gpp: (cmd: string, cb: (v: unknown) => void, p?: string) => void }).__gpp
          const out: unknown[] = []
          gpp('ping', () => {
            for (const f of ['usnat.SaleOptOutNotice', 'usnat.SaleOptOut', 'usnat.SharingOptOut', 'usca.SaleOptOut']) gpp('getField', (v) => out.push(v), f)
            gpp('ping', () => ok(out))
          })
        }),
    )
    expect(fields).toEqual([0, 0, 0, 0])
    expect(
      await page.evaluate(
        () =>
          new Promise((ok) =>
            (window as unknown as { __uspapi: (c: string, v: number, cb: (d: { uspString: string }) => void) => void }).__uspapi('getUSPData', 1, (d) =>
              ok(d.uspString),
            ),
          ),
      ),
    ).toBe('1NYN')
    await page.close()
  })
})
