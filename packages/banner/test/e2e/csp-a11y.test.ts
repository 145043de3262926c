import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { decodeConsentCookie } from '@consentry/shared'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { consentCookie, inBanner, sitePage } from '../support/pages'

let browser: Browser
let server: TestServer
// No 'unsafe-inline', no 'unsafe-eval': scripts from this origin only, styles only with the nonce.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-abc123'; connect-src 'self'"

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/csp': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP })
          .end(sitePage({ attrs: { 'data-nonce': 'abc123' } }).replace(/<style>[^<]*<\/style>/, '')),
      '/page': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sitePage()),
      '/twice': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(sitePage().replace('</body>', '<script src="/consentry.js"></script></body>')),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('CSP and accessibility details (Chromium)', () => {
  it('works under a strict CSP (no inline script, no eval, styles by nonce) without violations', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()))
    await page.goto(`${server.url}/csp`)
    const accept = inBanner(page, '[data-action=accept]')
    await accept.waitFor()
    // styled: the accent background applied means the stylesheet was not blocked
    expect(await accept.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 78, 216)')
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs [data-action=reject]').click()
    expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('reject_all')
    expect(violations).toEqual([])
    await page.close()
  })

  it('A11Y-05: keyboard focus is visible on the choices (a 3 px outline in the text colour)', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/page`)
    await inBanner(page, '[data-action=accept]').waitFor()
    // the banner comes first in the tab order (A11Y-04): Tab reaches its controls before the page's
    // (the third parties' list, the privacy policy, then Accept all)
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const s = getComputedStyle(el)
      return {
        action: el.dataset.action ?? el.tagName,
        width: s.outlineWidth,
        style: s.outlineStyle,
        color: s.outlineColor,
        text: getComputedStyle(el.closest('#consentry-first-layer')!).color,
      }
    })
    expect(focused.action).toBe('accept')
    expect(focused.style).toBe('solid')
    expect(focused.width).toBe('3px')
    expect(focused.color).toBe(focused.text)
    await page.close()
  })

  it('A11Y-11: with prefers-reduced-motion there is no animation, and nothing closes by itself', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' })
    await page.goto(`${server.url}/page`)
    const layer = inBanner(page, '.layer')
    await layer.waitFor()
    expect(await layer.evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
    await page.waitForTimeout(1500)
    expect(await layer.isVisible()).toBe(true)
    // The dialogs fade in, except for a visitor who asked for less motion.
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs').waitFor()
    expect(await inBanner(page, '.overlay').evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
    await page.close()
  })

  it('loading the script twice starts one banner', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/twice`)
    await inBanner(page, '[data-action=accept]').waitFor()
    await page.waitForTimeout(200)
    expect(await page.locator('consentry-banner').count()).toBe(1)
    await page.close()
  })
})
