import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { decodeConsentCookie, normalizeLocation, resolveJurisdiction, type ConfigResponse } from '@consentry/shared'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { installAutoconsent } from '../support/autoconsent'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { axe, SITE, sitePage } from '../support/pages'

// The first layer as independent tools see it: light DOM only (no shadow-root piercing), cookies, and a
// stylesheet written the way real sites write theirs, that must not change how the banner looks or works.

/** Rules in the style of common resets and frameworks, written for this test. */
const HOSTILE_CSS = `
html{font-size:10px}
/* a preflight-style reset */
*,::before,::after{box-sizing:content-box;border:0 solid #e5e7eb;margin:0;padding:0}
h1,h2,h3,p{font-size:inherit;font-weight:inherit;margin:0}
button,[role=button]{background-color:transparent;background-image:none;cursor:pointer;font:inherit;color:inherit;text-transform:uppercase}
/* framework-style components */
h2{font-size:3rem;font-weight:300;line-height:1.1;margin-bottom:2rem;color:hotpink}
p{margin-bottom:1rem;text-align:justify}
a{color:#0d6efd;text-decoration:none}
a[target=_blank]::after{content:" ↗"}
.btn{display:inline-block;padding:.375rem .75rem;font-size:1rem;border-radius:0;border:1px solid transparent;width:100%}
.title,.text,.actions,.inner,.layer,.bar{display:none}
div{display:flex;flex-direction:row-reverse;letter-spacing:.2em}
body{font-family:Georgia,serif;color:#333;line-height:2;word-spacing:1em;letter-spacing:.1em;text-transform:uppercase}
/* and the blunt ones */
button{background:red!important;font-size:40px!important;padding:30px!important}
*{color:lime}
`

let browser: Browser
let server: TestServer
const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
const plain = sitePage().replace(/<style>[^<]*<\/style>/, '')
const hostile = sitePage().replace(/<style>[^<]*<\/style>/, `<style>${HOSTILE_CSS}</style>`)

/** A configuration as the API serves it, inlined before the script (`__consentryBootstrap`): not re-validated by the banner. */
const bootstrapped = (appearance: Record<string, unknown>) => {
  const config = { ...siteConfigSchema.parse(SITE), appearance: { ...siteConfigSchema.parse(SITE).appearance, ...appearance } }
  const response: ConfigResponse = {
    siteId: SITE.siteId,
    versionId: 'cfg_x',
    hash: 'f'.repeat(64),
    config,
    jurisdiction: resolveJurisdiction(normalizeLocation('DE')),
  }
  return `<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Shop</h1></main><script>window.__consentryBootstrap=${JSON.stringify(response)}</script><script src="/consentry.js"></script></body></html>`
}

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/plain': html(plain),
      '/hostile': html(hostile),
      '/hostile-us': html(sitePage({ attrs: { 'data-country': 'US', 'data-region': 'CA' } }).replace(/<style>[^<]*<\/style>/, `<style>${HOSTILE_CSS}</style>`)),
      '/hostile-us-sensitive': html(
        sitePage({
          attrs: { 'data-country': 'US', 'data-region': 'CA' },
          config: { dataPractices: { sellsOrShares: true, usesSensitiveInformation: true } },
        }).replace(/<style>[^<]*<\/style>/, `<style>${HOSTILE_CSS}</style>`),
      ),
      '/font-ok': html(bootstrapped({})),
      '/font-quote': html(bootstrapped({ font: 'Arial"' })),
      '/layout-box': html(bootstrapped({ layout: 'box' })),
      '/layout-modal': html(bootstrapped({ layout: 'modal' })),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** How the first layer looks: each part's box and the styles a visitor sees, read from the light DOM. */
async function look(page: Page) {
  await page.waitForSelector('#consentry-first-layer button')
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
  return page.evaluate(() => {
    const layer = document.getElementById('consentry-first-layer')!
    const parts = [layer, ...layer.querySelectorAll('h2, p, a, button, .actions, .inner')]
    return parts.map((el) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      const after = getComputedStyle(el, '::after').content
      return {
        el: `${el.tagName}.${el.className}`,
        box: [r.x, r.y, r.width, r.height].map(Math.round),
        style: [
          s.display,
          s.fontSize,
          s.fontFamily,
          s.fontWeight,
          s.lineHeight,
          s.color,
          s.backgroundColor,
          s.padding,
          s.margin,
          s.borderTopWidth,
          s.textTransform,
          s.letterSpacing,
          s.wordSpacing,
          s.textAlign,
          after,
        ],
      }
    })
  })
}

describe('the first layer in the light DOM (Chromium)', () => {
  it('is found by plain light-DOM queries: a stable id, a role and name about privacy, its text in body.innerText, its buttons', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/hostile`)
    await page.waitForSelector('#consentry-first-layer')
    const found = await page.evaluate(() => {
      const layer = document.getElementById('consentry-first-layer')!
      const name = document.getElementById(layer.getAttribute('aria-labelledby')!)?.textContent ?? ''
      const reject = [...document.querySelectorAll('button')].find((b) => /reject/i.test(b.innerText))
      return {
        role: layer.getAttribute('role'),
        name,
        inText: document.body.innerText.includes(name),
        reject: reject?.innerText,
        inLayer: !!reject && layer.contains(reject),
      }
    })
    expect(found.role).toBe('region')
    expect(found.name).toMatch(/privacy|cookie/i)
    expect(found.inText).toBe(true)
    expect(found.reject).toBe('Reject all')
    expect(found.inLayer).toBe(true)
    await page.close()
  })

  it('looks the same under a hostile stylesheet (resets, framework rules, !important, html{font-size:10px}) as on a plain page', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
    const a = await context.newPage()
    await a.goto(`${server.url}/plain`)
    const b = await context.newPage()
    await b.goto(`${server.url}/hostile`)
    expect(await look(b)).toEqual(await look(a))
    // and it works: Accept all is clickable and decides
    await b.locator('#consentry-first-layer [data-action=accept]').click()
    const cookie = (await context.cookies()).find((c) => c.name === 'consentry')
    expect(decodeConsentCookie(decodeURIComponent(cookie!.value))?.method).toBe('accept_all')
    await context.close()
  })

  it('axe finds no violations on the hostile page', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/hostile`)
    await page.waitForSelector('#consentry-first-layer button')
    expect(await axe(page)).toEqual([])
    await page.close()
  })

  it("DuckDuckGo's autoconsent, heuristic mode and no rules, detects the banner on the hostile page and rejects: only the consent cookie is left", async () => {
    const context = await browser.newContext()
    const messages = await installAutoconsent(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/hostile`)
    await expect.poll(() => messages.find((m) => m.type === 'autoconsentDone'), { timeout: 20_000 }).toBeTruthy()
    expect(messages.find((m) => m.type === 'popupFound')?.cmp).toMatch(/^HEURISTIC/)
    expect(messages.find((m) => m.type === 'optOutResult')?.result).toBe(true)
    const cookies = await context.cookies()
    expect(cookies.map((c) => c.name)).toEqual(['consentry'])
    const state = decodeConsentCookie(decodeURIComponent(cookies[0]!.value))
    expect(state?.method).toBe('reject_all')
    expect(state?.categories).toEqual({ functional: false, analytics: false, advertising: false })
    await context.close()
  })

  // The example companies' configurations use the box; `modal` puts the same content in a dialog frame.
  it.each(['box', 'modal'])('autoconsent detects and rejects the %s layout too: only the consent cookie is left', async (layout) => {
    const context = await browser.newContext()
    const messages = await installAutoconsent(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/layout-${layout}`)
    await expect.poll(() => messages.find((m) => m.type === 'autoconsentDone'), { timeout: 20_000 }).toBeTruthy()
    expect(messages.find((m) => m.type === 'popupFound')?.cmp).toMatch(/^HEURISTIC/)
    expect(messages.find((m) => m.type === 'optOutResult')?.result).toBe(true)
    const cookies = await context.cookies()
    expect(cookies.map((c) => c.name)).toEqual(['consentry'])
    expect(decodeConsentCookie(decodeURIComponent(cookies[0]!.value))?.method).toBe('reject_all')
    await context.close()
  })

  it.each(['/hostile-us', '/hostile-us-sensitive'])(
    'autoconsent also rejects the California notice at collection (Reject all, not the Do Not Sell or Limit dialog): sale and sharing opted out (%s)',
    async (path) => {
      const context = await browser.newContext()
      const messages = await installAutoconsent(context)
      const page = await context.newPage()
      await page.goto(`${server.url}${path}`)
      await expect.poll(() => messages.find((m) => m.type === 'autoconsentDone'), { timeout: 20_000 }).toBeTruthy()
      const cookies = await context.cookies()
      expect(cookies.map((c) => c.name)).toEqual(['consentry'])
      const state = decodeConsentCookie(decodeURIComponent(cookies[0]!.value))
      expect(state).toMatchObject({ method: 'reject_all', doNotSell: true, jurisdiction: 'US-CA' })
      await context.close()
    },
  )

  it('an appearance font that reached the page unvalidated (Arial") leaves the stylesheets whole', async () => {
    const rules = async (path: string) => {
      const page = await browser.newPage()
      await page.goto(`${server.url}${path}`)
      await page.waitForSelector('#consentry-first-layer button')
      const counts = await page.evaluate(() => ({
        shadow: document.querySelector('consentry-banner')!.shadowRoot!.adoptedStyleSheets.reduce((n, s) => n + s.cssRules.length, 0),
        accent: getComputedStyle(document.querySelector('#consentry-first-layer [data-action=accept]')!).backgroundColor,
      }))
      await page.close()
      return counts
    }
    expect(await rules('/font-quote')).toEqual(await rules('/font-ok'))
  })
})
