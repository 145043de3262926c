import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { decodeConsentCookie } from '@consentry/shared'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { axe, consentCookie, inBanner, sitePage, type PageOptions } from '../support/pages'

let browser: Browser
let server: TestServer
const pages: Record<string, PageOptions> = {
  '/': {},
  '/modal': { config: { appearance: { layout: 'modal', theme: 'dark' } } },
  '/box': { config: { appearance: { layout: 'box', theme: 'light', accentColor: '#0f4c81' } } },
  '/ca': { attrs: { 'data-country': 'US', 'data-region': 'CA' } },
  '/ca-sensitive': {
    attrs: { 'data-country': 'US', 'data-region': 'CA' },
    config: { dataPractices: { sellsOrShares: true, usesSensitiveInformation: true } },
    body: '<footer><a href="/limit" data-consentry-limit>Limit the Use of My Sensitive Personal Information</a></footer>',
  },
}

beforeAll(async () => {
  browser = await launchChromium()
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {}
  for (const [path, options] of Object.entries(pages)) {
    routes[path] = (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sitePage(options))
  }
  server = await startTestServer({ root: BANNER_DIST, routes })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(path = '/', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'warning' && m.text().includes('[consentry]') && errors.push(m.text()))
  await page.goto(server.url + path)
  await inBanner(page, '[data-action=accept]').first().waitFor()
  return { page, context, errors }
}

describe('visitor journeys (Chromium)', () => {
  it('A11Y-01..12: the first layer has zero axe violations (WCAG 2.0–2.2 A/AA) in bar, box and modal layouts', async () => {
    for (const path of Object.keys(pages)) {
      const { page, context, errors } = await open(path)
      expect(await axe(page), path).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    }
  })

  it('EU-03, EU-06: accept and reject are buttons of the same size and font in the same container', async () => {
    const { page, context } = await open()
    const measure = (action: string) =>
      inBanner(page, `.layer [data-action=${action}]`).evaluate((el) => {
        const s = getComputedStyle(el)
        const r = el.getBoundingClientRect()
        return {
          tag: el.tagName,
          w: Math.round(r.width),
          h: Math.round(r.height),
          font: s.fontSize + s.fontWeight,
          bg: s.backgroundColor,
          fg: s.color,
          parent: el.parentElement?.className,
        }
      })
    expect(await measure('reject')).toEqual(await measure('accept'))
    await context.close()
  })

  it('isolation: the host page CSS does not reach the banner', async () => {
    const { page, context } = await open()
    const fontSize = await inBanner(page, '[data-action=accept]').evaluate((el) => getComputedStyle(el).fontSize)
    expect(fontSize).toBe('16px')
    await context.close()
  })

  it('Accept all stores the choice, hides the layer, and the choice survives a reload', async () => {
    const { page, context } = await open()
    await inBanner(page, '[data-action=accept]').click()
    await inBanner(page, '[data-action=reopen]').waitFor()
    expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('accept_all')
    const cookie = (await context.cookies()).find((c) => c.name === 'consentry')!
    expect(cookie.sameSite).toBe('Lax')
    await page.reload()
    await inBanner(page, '[data-action=reopen]').waitFor()
    expect(await inBanner(page, '[role=region]').count()).toBe(0)
    await context.close()
  })

  it('EU-07, A11Y-03: Escape and scrolling grant nothing; Escape closes the preferences and focus returns', async () => {
    const { page, context } = await open()
    await page.mouse.wheel(0, 500)
    await page.keyboard.press('Escape')
    await inBanner(page, '[data-action=customize]').focus()
    await page.keyboard.press('Enter')
    await inBanner(page, '.prefs').waitFor()
    await page.keyboard.press('Escape')
    await inBanner(page, '.prefs').waitFor({ state: 'detached' })
    expect(await consentCookie(page)).toBeUndefined()
    // The first layer is in the light DOM: focus returns to the document's Customize button.
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-action'))
    expect(focused).toBe('customize')
    await context.close()
  })

  it('A11Y-01, A11Y-02: the preferences center is a modal dialog with zero axe violations, and Tab wraps inside it', async () => {
    for (const path of ['/', '/modal']) {
      const { page, context } = await open(path)
      await inBanner(page, '[data-action=customize]').click()
      await inBanner(page, '.prefs').waitFor()
      // expand every services and cookies list so axe sees all of it
      await page.evaluate(() =>
        document
          .querySelector('consentry-banner')!
          .shadowRoot!.querySelectorAll('details')
          .forEach((d) => (d.open = true)),
      )
      expect(await axe(page), path).toEqual([])
      const seen = new Set<string>()
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        const inside = await page.evaluate(() => {
          const root = document.querySelector('consentry-banner')!.shadowRoot!
          const el = root.activeElement
          return el ? `${root.querySelector('.prefs')!.contains(el)}:${el.outerHTML.slice(0, 60)}` : 'none'
        })
        seen.add(inside)
      }
      expect([...seen].every((s) => s.startsWith('true:'))).toBe(true)
      await context.close()
    }
  })

  it('EU-05, A11Y-06: Space toggles a switch; Save stores only what was picked', async () => {
    const { page, context } = await open()
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs').waitFor() // the dialogs load on first use
    const analytics = inBanner(page, '[data-category=analytics] > .row [role=switch]')
    expect(await inBanner(page, '[data-category] > .row [role=switch][aria-checked=true]').count()).toBe(1) // essential only
    await analytics.focus()
    await page.keyboard.press('Space')
    expect(await analytics.getAttribute('aria-checked')).toBe('true')
    await inBanner(page, '[data-action=save]').click()
    await inBanner(page, '.prefs').waitFor({ state: 'detached' })
    expect(decodeConsentCookie(await consentCookie(page))?.categories).toEqual({ functional: false, analytics: true, advertising: false })
    await context.close()
  })

  it('EU-11: withdrawal through the reopen button or a data-consentry-open link takes no more clicks than accepting', async () => {
    const { page, context } = await open()
    await inBanner(page, '[data-action=accept]').click() // accepting: 1 click
    await inBanner(page, '[data-action=reopen]').click()
    await inBanner(page, '.prefs [data-action=reject]').click() // withdrawing: 2 clicks (open, reject)
    expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('withdraw')
    await page.click('footer [data-consentry-open]')
    await inBanner(page, '.prefs').waitFor()
    await context.close()
  })

  it('CA-01, CA-03, CA-04: the footer Do Not Sell link opens an accessible opt-out; out and back in take the same clicks', async () => {
    const { page, context } = await open('/ca')
    let clicks = 0
    const click = async (selector: string, inside = true) => {
      await (inside ? inBanner(page, selector) : page.locator(selector)).click()
      clicks++
    }
    await click('footer [data-consentry-dns]', false)
    await inBanner(page, '.dns').waitFor()
    expect(await axe(page)).toEqual([])
    await click('.dns [role=switch]')
    await click('.dns [data-action=confirm]')
    expect(decodeConsentCookie(await consentCookie(page))).toMatchObject({ method: 'dns_link', doNotSell: true })
    const optOut = clicks
    clicks = 0
    await click('footer [data-consentry-dns]', false)
    await click('.dns [role=switch]')
    await click('.dns [data-action=confirm]')
    expect(decodeConsentCookie(await consentCookie(page))).toMatchObject({ method: 'dns_link', doNotSell: false })
    expect(optOut).toBeLessThanOrEqual(clicks)
    await context.close()
  })

  it('CA: "Limit the Use of My Sensitive Personal Information", from the first layer and the footer, with zero axe violations', async () => {
    const { page, context } = await open('/ca-sensitive')
    const limit = inBanner(page, '.dns [role=switch][aria-labelledby=cs-limit-label]')
    await page.locator('#consentry-first-layer [data-action=limit]').click()
    await limit.waitFor()
    expect(await axe(page)).toEqual([])
    await limit.click()
    await inBanner(page, '.dns [data-action=confirm]').click()
    expect(decodeConsentCookie(await consentCookie(page))).toMatchObject({ method: 'dns_link', doNotSell: false, optOuts: { sensitiveLimit: true } })
    await page.locator('footer [data-consentry-limit]').click()
    expect(await limit.getAttribute('aria-checked')).toBe('true')
    await context.close()
  })

  it('A11Y-08, A11Y-09: at 320 px the buttons are visible, clickable and at least 24×24, with no horizontal scrolling', async () => {
    for (const path of ['/', '/box', '/modal']) {
      const { page, context } = await open(path, { width: 320, height: 640 })
      const check = async () => {
        const boxes = await page.evaluate(() => {
          const root = document.querySelector('consentry-banner')!.shadowRoot!
          return [...root.querySelectorAll('button')].map((b) => {
            const r = b.getBoundingClientRect()
            return { x: r.left, right: r.right, w: r.width, h: r.height }
          })
        })
        for (const b of boxes) {
          expect(b.w).toBeGreaterThanOrEqual(24)
          expect(b.h).toBeGreaterThanOrEqual(24)
          expect(b.x).toBeGreaterThanOrEqual(0)
          expect(b.right).toBeLessThanOrEqual(320)
        }
        const overflow = await page.evaluate(() => {
          const root = document.querySelector('consentry-banner')!.shadowRoot!
          return [...root.querySelectorAll('.layer,.dialog')].some((el) => el.scrollWidth > el.clientWidth) || document.documentElement.scrollWidth > 320
        })
        expect(overflow).toBe(false)
      }
      await check()
      await inBanner(page, '[data-action=customize]').click()
      await page.evaluate(() =>
        document
          .querySelector('consentry-banner')!
          .shadowRoot!.querySelectorAll('details')
          .forEach((d) => (d.open = true)),
      )
      await check()
      await inBanner(page, '.prefs [data-action=reject]').click() // reachable and clickable at 320 px
      expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('reject_all')
      await context.close()
    }
  })

  it('A11Y-08: WCAG 1.4.12 text-spacing overrides at 320 px clip nothing and keep every choice clickable', async () => {
    const { page, context } = await open('/', { width: 320, height: 640 })
    // The first layer is in the page: a text-spacing override reaches it with a selector that outranks its id-scoped rules.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(
        '#consentry-first-layer#consentry-first-layer, #consentry-first-layer#consentry-first-layer *{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}#consentry-first-layer#consentry-first-layer p{margin-bottom:2em!important}',
      )
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    })
    const layer = await page.evaluate(() => {
      const buttons = [...document.querySelectorAll<HTMLElement>('#consentry-first-layer button')]
      return {
        spacing: getComputedStyle(buttons[0]!).letterSpacing,
        clipped: buttons.filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1).length,
      }
    })
    expect(layer.spacing).not.toBe('normal') // the override applies
    expect(layer.clipped).toBe(0)
    await inBanner(page, '[data-action=reject]').click()
    expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('reject_all')
    await context.close()
  })

  it('A11Y-08: text resized to 200% keeps every choice reachable', async () => {
    const { page, context } = await open('/', { width: 640, height: 800 })
    // The first layer sizes its text from font-size:medium, the visitor's text size: doubled here.
    await page.addStyleTag({ content: '#consentry-first-layer#consentry-first-layer{font-size:200%!important}' })
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#consentry-first-layer button')!).fontSize)).toBe('32px')
    await inBanner(page, '[data-action=reject]').scrollIntoViewIfNeeded()
    await inBanner(page, '[data-action=reject]').click()
    expect(decodeConsentCookie(await consentCookie(page))?.method).toBe('reject_all')
    await context.close()
  })
})
