import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { sitePage } from '../support/pages'

// How the first layer reaches the screen (Chromium): its description renders a frame after the title and the
// choices, and a bar that covers the bottom of the viewport never hides what has keyboard focus (WCAG 2.4.11).

let browser: Browser
let server: TestServer
const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
const longPage = `<section>${'<p>A paragraph of the page that makes it long enough to scroll.</p>'.repeat(60)}<a id="last" href="#end">The last link</a></section>`

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/bar': html(sitePage({ body: longPage, config: { appearance: { layout: 'bar' } } })),
      '/box': html(sitePage({ config: { appearance: { layout: 'box' } } })),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the first paint', () => {
  it('inserts the whole first layer at once, and renders its description a frame after the title and the choices', async () => {
    const page = await browser.newPage()
    // What the page holds at the moment the first layer is inserted, seen by a mutation observer.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const layer = document.getElementById('consentry-first-layer')
        if (!layer) return
        observer.disconnect()
        const description = layer.querySelector<HTMLElement>('#cs-banner-desc')!
        const accept = layer.querySelector<HTMLElement>('[data-action=accept]')!
        ;(window as unknown as { atInsert: unknown }).atInsert = {
          text: description.textContent,
          descriptionShown: getComputedStyle(description).display !== 'none',
          acceptShown: getComputedStyle(accept).display !== 'none',
        }
      }).observe(document, { childList: true, subtree: true })
    })
    await page.goto(`${server.url}/box`)
    await page.waitForFunction(() => (document.getElementById('cs-banner-desc')?.offsetHeight ?? 0) > 0)
    const atInsert = await page.evaluate(() => (window as unknown as { atInsert: { text: string; descriptionShown: boolean; acceptShown: boolean } }).atInsert)
    expect(atInsert.text).toContain('With your consent, we and our partners use cookies')
    expect(atInsert).toMatchObject({ descriptionShown: false, acceptShown: true })
    // Rendered now, so tools that read the page's text find it.
    expect(await page.evaluate(() => document.body.innerText)).toContain('With your consent, we and our partners use cookies')
    await page.close()
  })

  it('WCAG 2.4.11: the bar never covers the focused element, down to the last link of a long page', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
    await page.goto(`${server.url}/bar`)
    const layer = page.locator('#consentry-first-layer')
    await layer.locator('[data-action=accept]').waitFor()
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
    // Focus moves to the page's last link as a keyboard user's would; the browser scrolls it into view, clear of
    // the bar (the scroll padding and the spacer follow the bar's height once the browser has laid it out).
    const gap = async () => {
      await page.focus('#last')
      const [link, bar] = await Promise.all([page.locator('#last').boundingBox(), layer.boundingBox()])
      return bar!.y - (link!.y + link!.height)
    }
    await expect.poll(gap, { timeout: 5000 }).toBeGreaterThanOrEqual(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('last')
    await page.close()
  })
})
