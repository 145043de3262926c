import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { sitePage } from '../support/pages'
import { layoutShifts, recordLayoutShifts } from '../support/layout-shifts'

// How the first layer reaches the screen (Chromium): whole in its first frame, so nothing on the page moves (a
// layout shift counts against the host page's Core Web Vitals), and a bar that covers the bottom of the viewport
// never hides what has keyboard focus (WCAG 2.4.11).

let browser: Browser
let server: TestServer
const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
const EMBED = `<style>.video{width:100%;max-width:560px;aspect-ratio:16/9;height:auto;border:0;background:#111}</style>
<figure><iframe class="video" title="Video" width="560" height="315" data-consentry="functional" data-src="/video"></iframe><figcaption>Caption</figcaption></figure>`
const longPage = `<section>${'<p>A paragraph of the page that makes it long enough to scroll.</p>'.repeat(60)}<a id="last" href="#end">The last link</a></section>`

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/bar': html(sitePage({ body: longPage, config: { appearance: { layout: 'bar' } } })),
      '/box': html(sitePage({ config: { appearance: { layout: 'box' } } })),
      // A responsive inline video frame, painted before the banner starts (a tag manager's late insertion): its
      // click-to-load placeholder replaces a frame the visitor already saw.
      '/embed': html(
        sitePage({ body: EMBED, config: { appearance: { layout: 'box' } } }).replace(
          '<script src="/consentry.js"></script>',
          `<script>requestAnimationFrame(() => setTimeout(() => {
            const { x, y, width, height } = document.querySelector('iframe').getBoundingClientRect()
            window.frameBox = { x, y, width, height }
            document.body.append(Object.assign(document.createElement('script'), { src: '/consentry.js' }))
          }))</script>`,
        ),
      ),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the first paint', () => {
  it.each([
    ['bar', 412, 823],
    ['bar', 1280, 800],
    ['box', 412, 823],
  ])('a %s first layer (%dx%d) shows whole in its first frame: no layout shift on the page, none of the banner', async (layout, width, height) => {
    const page = await browser.newPage({ viewport: { width, height } })
    await recordLayoutShifts(page)
    await page.goto(`${server.url}/${layout}`)
    const layer = page.locator('#consentry-first-layer')
    await layer.locator('[data-action=accept]').waitFor()
    await expect.poll(() => page.evaluate(() => document.body.innerText)).toContain('With your consent, we and our partners use cookies')
    // Two more frames: whatever would move, has.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    expect(await layoutShifts(page)).toEqual([])
    await page.close()
  })

  it('the first layer is opaque and still in the first frame that has it: no entrance animation to wait for', async () => {
    const page = await browser.newPage()
    // Checked every frame from the start of the document, as a tool that looks for the banner would see it.
    await page.addInitScript(() => {
      const look = () => {
        const layer = document.getElementById('consentry-first-layer')
        if (!layer) return void requestAnimationFrame(look)
        ;(window as unknown as { firstFrame: unknown }).firstFrame = {
          opacity: getComputedStyle(layer).opacity,
          animations: layer.getAnimations({ subtree: true }).length,
        }
      }
      requestAnimationFrame(look)
    })
    await page.goto(`${server.url}/box`)
    await expect.poll(() => page.evaluate(() => (window as unknown as { firstFrame?: unknown }).firstFrame)).toEqual({ opacity: '1', animations: 0 })
    await page.close()
  })

  it.each([
    [412, 823],
    [1280, 800],
  ])('a click-to-load placeholder (%dx%d) takes the box of its frame: nothing on the page moves', async (width, height) => {
    const page = await browser.newPage({ viewport: { width, height } })
    await recordLayoutShifts(page)
    await page.goto(`${server.url}/embed`)
    const box = page.locator('[data-consentry-placeholder]')
    await box.getByRole('button', { name: 'Load content' }).waitFor()
    const [frame, placeholder] = await page.evaluate(() => {
      const { x, y, width, height } = document.querySelector('[data-consentry-placeholder]')!.getBoundingClientRect()
      return [(window as unknown as { frameBox: unknown }).frameBox, { x, y, width, height }]
    })
    expect(placeholder).toEqual(frame)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    expect(await layoutShifts(page)).toEqual([])
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
