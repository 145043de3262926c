// The site owner's console in real Chromium against the demo server (`npm start`'s own server, on SQLite): every step
// of issue 18's "Done when", in order, as a site owner does it, plus a scan adopted (issue 19) and axe on every screen in both themes.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../banner/test/support/chromium'
import { startDemo, type RunningDemo } from '../../../examples/demo/test/start-demo'
import { axe, settled } from './support'

const DEMO_SITE = 'site_demo0001'

let demo: RunningDemo
let browser: Browser
let owner: BrowserContext
let page: Page
let consoleLink: string
let shop: Server | undefined

beforeAll(async () => {
  demo = await startDemo({ command: 'server' })
  consoleLink = /Console sign-in link\s+(\S+)/.exec(demo.output())![1]!
  browser = await launchChromium()
  owner = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  page = await owner.newPage()
})

afterAll(async () => {
  shop?.close()
  await browser?.close()
  await demo?.stop()
})

/** Site-scoped admin calls from the signed-in page (its session cookie), to wait for what the browser cannot see yet. */
const fromConsole = <T>(path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>

/** Admin calls that change something, from the signed-in page: its session cookie and the session's CSRF token. */
const asOwner = <T>(method: string, path: string, body: unknown) =>
  page.evaluate(
    async ([method, path, body]) => {
      const { csrfToken } = (await (await fetch('/v1/admin/session')).json()) as { csrfToken: string }
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-consentry-csrf': csrfToken }, body: JSON.stringify(body) })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
      return JSON.parse(text) as unknown
    },
    [method, path, body] as const,
  ) as Promise<T>

const siteTab = (siteId: string, tab: string) => `${demo.origin}/admin/#/sites/${siteId}/${tab}`

describe('the console', () => {
  it('a first visit shows the sign-in screen without asking for a session it does not have: no refused request, no console error', async () => {
    const visitor = await browser.newContext()
    const tab = await visitor.newPage()
    const asked: string[] = []
    const errors: string[] = []
    tab.on('request', (r) => r.url().includes('/v1/admin/') && asked.push(r.url()))
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await tab.goto(`${demo.origin}/admin/`)
    await tab.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
    expect(asked).toEqual([])
    expect(errors).toEqual([])
    await visitor.close()
  })

  it('signs in through the one-time link npm start prints, and the link works once', async () => {
    expect(demo.output()).toMatch(/Console\s+http:\/\/127\.0\.0\.1:\d+\/admin\//)
    await page.goto(`${demo.origin}${consoleLink.slice(consoleLink.indexOf('/admin/'))}`)
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor()
    expect(page.url()).not.toContain('signin=')
    await expect.poll(() => page.getByRole('link', { name: 'Consentry demo news' }).count()).toBe(1)
    const cookie = (await owner.cookies()).find((c) => c.name === 'consentry_session')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' })

    const other = await browser.newContext()
    const again = await other.newPage()
    await again.goto(`${demo.origin}${consoleLink.slice(consoleLink.indexOf('/admin/'))}`)
    await again.getByText('The sign-in link did not work').waitFor()
    await other.close()
  })

  it('creates a site', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Bakery')
    await page.getByLabel('Allowed origins').fill('https://bakery.example')
    await page.getByRole('button', { name: 'Create site' }).click()
    await page.getByRole('heading', { name: 'Bakery', level: 1 }).waitFor()
    const { sites } = await fromConsole<{ sites: { name: string; allowedOrigins: string[] }[] }>('/v1/admin/sites')
    expect(sites.find((s) => s.name === 'Bakery')?.allowedOrigins).toEqual(['https://bakery.example'])
  })

  it('adds a service and its cookie, shows the API’s words next to a bad field, and the preview changes', async () => {
    await page.goto(siteTab(DEMO_SITE, 'configuration'))
    await page.getByText('This is the published configuration.').waitFor()
    const preview = page.frameLocator('iframe.preview-frame')
    await page.getByLabel('Layer', { exact: true }).selectOption('preferences')
    await preview.getByRole('button', { name: 'Save choices' }).waitFor()
    expect(await preview.getByText('Hotjar').count()).toBe(0)

    await page.getByRole('button', { name: 'Add a service' }).click()
    const service = page.locator('fieldset.service').last()
    await service.getByLabel('Service id').fill('hotjar')
    await service.getByLabel('Name', { exact: true }).fill('Hotjar')
    await service.getByLabel('Provider').fill('Hotjar Ltd')
    await service.getByLabel('Category').selectOption('analytics')
    await service.getByLabel('Purpose').fill('Heatmaps of how visitors use the pages')
    await service.getByLabel('Privacy policy URL').fill('not a url')
    const urlField = service.locator('.field.invalid', { has: page.getByLabel('Privacy policy URL') })
    await urlField.locator('.issue').waitFor()
    const refused = await page.evaluate(async (siteId) => {
      const res = await fetch(`/v1/admin/sites/${siteId}/config-checks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-consentry-csrf': 'x' },
        body: '{}',
      })
      return res.status
    }, DEMO_SITE)
    expect(refused).toBe(403) // a wrong CSRF token is refused even with the session cookie
    await service.getByLabel('Privacy policy URL').fill('https://www.hotjar.com/legal/policies/privacy/')
    await service.getByRole('button', { name: 'Add a cookie to Hotjar' }).click()
    const cookie = service.getByRole('group', { name: /Hotjar:/ })
    await cookie.getByLabel('Name', { exact: true }).fill('_hjSessionUser')
    await cookie.getByLabel('Lifetime (seconds)').fill('31536000')
    await cookie.getByLabel('Description').fill('Recognises a returning visitor')
    await page.getByText('The API accepts this draft.').waitFor()
    await expect.poll(() => preview.getByText('Hotjar').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    if (process.env.CONSENTRY_DOCS_SCREENSHOTS) await page.screenshot({ path: `${process.env.CONSENTRY_DOCS_SCREENSHOTS}/console-configuration.png` })
  })

  it('publishes, after a diff that says whether visitors are asked again', async () => {
    await page.getByRole('link', { name: /^Publish/ }).click()
    const diff = page.locator('ul.diff')
    await diff.waitFor()
    await expect.poll(() => diff.getByText('services › hotjar').count()).toBe(1)
    await page.getByRole('heading', { name: 'Visitors will be asked again' }).waitFor()
    await page.getByText(/Categories or services changed/).waitFor()
    if (process.env.CONSENTRY_DOCS_SCREENSHOTS) await page.screenshot({ path: `${process.env.CONSENTRY_DOCS_SCREENSHOTS}/console-publish.png` })
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText(/Published version 2/).waitFor()
  })

  it('shows the new banner on an example page, and records consents by clicking', async () => {
    for (const choice of ['Accept all', 'Reject all'] as const) {
      const visitor = await browser.newContext()
      const site = await visitor.newPage()
      await site.goto(`${demo.origin}/site/`)
      await site.getByRole('button', { name: 'Customize' }).first().click()
      await site.getByText('Hotjar').first().waitFor({ state: 'attached' })
      const recorded = site.waitForResponse((r) => r.url().endsWith('/v1/consents') && r.request().method() === 'POST')
      await site.getByRole('dialog').getByRole('button', { name: choice }).click()
      expect((await recorded).status()).toBe(201)
      await visitor.close()
    }
    await expect.poll(async () => (await fromConsole<{ items: unknown[] }>(`/v1/admin/sites/${DEMO_SITE}/consents`)).items.length, { timeout: 20_000 }).toBe(2)
  })

  it('finds the consents in the log and in the chart', async () => {
    await page.goto(siteTab(DEMO_SITE, 'log'))
    await page.getByText(/Hash chain verified: all 2 records/).waitFor()
    const rows = page.locator('table tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('accept_all'), expect.stringContaining('reject_all')])
    await page.getByLabel('Method').selectOption('reject_all')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(() => rows.count()).toBe(1)

    await page.goto(siteTab(DEMO_SITE, 'statistics'))
    const today = new Date().toISOString().slice(0, 10)
    await page.getByRole('img', { name: new RegExp(`Decisions per day: ${today} 2`) }).waitFor()
    await page.getByText('2', { exact: true }).first().waitFor()
    const byJurisdiction = page.locator('section[aria-labelledby="by-jurisdiction"] tbody tr')
    expect(await byJurisdiction.count()).toBe(2)
    // A chosen period that ended yesterday holds none of today's decisions.
    await page.getByLabel('Period').selectOption('custom')
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('From (date)').fill(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10))
    await page.getByLabel('To (date)').fill(yesterday)
    await page.getByText(/^0 decisions in the period\.$/).waitFor()
    await page.getByLabel('To (date)').fill(today)
    await page.getByText(/^2 decisions in the period\.$/).waitFor()
  })

  it('checks a receipt: signature verified in the browser, chain position shown, and a pasted receipt', async () => {
    await page.goto(siteTab(DEMO_SITE, 'log'))
    await page
      .getByRole('button', { name: /Details/ })
      .first()
      .click()
    await page.getByText('Valid: the receipt is signed by this API’s key (checked in your browser).').waitFor()
    await page.getByText(/^1 of 2, the first kept record$/).waitFor()
    await page.getByText(/^Holds:/).waitFor()
    await page.getByText('Receipt (JSON)').click()
    const receipt = await page.locator('.record details pre').innerText()
    await page.getByLabel('Receipt a visitor presents (JSON)').fill(receipt)
    await page.getByRole('button', { name: 'Check receipt' }).click()
    await page.getByText(/Valid: signed by this API, and record cns_\S+ is kept at position 1/).waitFor()
    const forged = receipt.replace(/"signature": "(.)/, (_, c: string) => `"signature": "${c === 'A' ? 'B' : 'A'}`)
    await page.getByLabel('Receipt a visitor presents (JSON)').fill(forged)
    await page.getByRole('button', { name: 'Check receipt' }).click()
    await page.getByText('The signature does not match the API’s public key.').waitFor()
  })

  it('exports the log as CSV and NDJSON, streamed as attachments', async () => {
    await page.goto(siteTab(DEMO_SITE, 'log'))
    for (const [name, pattern, lines] of [
      ['Export CSV', /^id,receivedAt,siteId/, 3],
      ['Export NDJSON', /^\{"id":"cns_/, 2],
    ] as const) {
      const link = page.getByRole('link', { name })
      expect(await link.getAttribute('download')).not.toBeNull()
      // What the browser saves: fetched with the page's own session, as the link would.
      const got = await page.evaluate(
        async (href) => {
          const res = await fetch(href)
          return { disposition: res.headers.get('content-disposition'), text: await res.text() }
        },
        (await link.getAttribute('href'))!,
      )
      expect(got.text.slice(0, 200)).toMatch(pattern)
      expect(got.disposition).toMatch(/^attachment; filename="site_demo0001-consents\.(csv|ndjson)"$/)
      expect(got.text).toMatch(pattern)
      expect(got.text.trim().split('\n').length).toBe(lines)
    }
  })

  it('erases one visitor, with a confirmation and the erased count', async () => {
    const { items } = await fromConsole<{ items: { visitorId: string }[] }>(`/v1/admin/sites/${DEMO_SITE}/consents`)
    await page.goto(siteTab(DEMO_SITE, 'requests'))
    await page.getByLabel('Visitor id').fill(items[0]!.visitorId)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.getByRole('heading', { name: '1 record for this subject' }).waitFor()
    await page.getByRole('button', { name: 'Erase…' }).click()
    const erase = page.getByRole('button', { name: 'Erase records' })
    expect(await erase.isDisabled()).toBe(true)
    await page.getByLabel('Type erase to confirm').fill('erase')
    await erase.click()
    await page.getByText('Erased 1 record: personal fields removed, the chain still verifies.').waitFor()
    const after = await fromConsole<{ items: { visitorId: string | null; erasedAt: number | null }[] }>(`/v1/admin/sites/${DEMO_SITE}/consents`)
    expect(after.items.map((r) => r.erasedAt !== null)).toEqual([true, false])
    expect((await fromConsole<{ valid: boolean }>(`/v1/admin/sites/${DEMO_SITE}/verify`)).valid).toBe(true)
  })

  it('pages through the log 25 records at a time', async () => {
    const site = await fromConsole<{ publishedVersionId: string }>(`/v1/admin/sites/${DEMO_SITE}`)
    for (let i = 0; i < 28; i++) {
      const res = await fetch(`${demo.origin}/v1/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: demo.origin },
        body: JSON.stringify({
          siteId: DEMO_SITE,
          visitorId: i.toString(16).padStart(32, 'f'),
          idempotencyKey: `paging-test-${i}-${Date.now()}`,
          method: 'custom',
          categories: { functional: true, analytics: i % 2 === 0, advertising: false },
          services: {},
          doNotSell: false,
          gpc: false,
          policyRevision: 1,
          configVersionId: site.publishedVersionId,
          locale: 'fr',
          jurisdiction: 'FR',
          bannerVersion: '0.1.0',
          pageUrl: `${demo.origin}/site/`,
          decidedAt: Date.now(),
        }),
      })
      expect(res.status, await res.text()).toBe(201)
    }
    await page.goto(siteTab(DEMO_SITE, 'log'))
    await page.getByLabel('Jurisdiction').fill('FR')
    const { items } = await fromConsole<{ items: unknown[] }>(`/v1/admin/sites/${DEMO_SITE}/consents?jurisdiction=FR&limit=1000`)
    expect(items.length).toBe(28)
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByText('Records 1–25').waitFor()
    await expect.poll(async () => new Set((await page.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((t) => t.trim()))).toEqual(new Set(['FR']))
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => page.locator('caption').first().innerText()).toBe('Records 26–28')
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Previous page' }).click()
    await page.getByText('Records 1–25').waitFor()
  })

  it('revokes a key, and the session opened with it ends', async () => {
    await page.goto(`${demo.origin}/admin/#/keys`)
    await page.getByLabel('Label').fill('colleague')
    await page.getByLabel(/All sites/).check()
    await page.getByRole('button', { name: 'Create key' }).click()
    const secret = (await page.getByLabel('New key secret').innerText()).trim()
    expect(secret).toMatch(/^csk_/)

    const colleague = await browser.newContext()
    const theirs = await colleague.newPage()
    await theirs.goto(`${demo.origin}/admin/`)
    await theirs.getByLabel('Admin key').fill(secret)
    await theirs.getByRole('button', { name: 'Sign in' }).click()
    await theirs.getByRole('heading', { name: 'Sites', level: 1 }).waitFor()

    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'Revoke colleague' }).click()
    await page.getByText(/^Revoked /).waitFor()

    await theirs.getByRole('link', { name: 'API keys' }).click()
    await theirs.getByText('Your session has ended. Sign in again.').waitFor()
    await theirs.getByRole('heading', { name: 'Sign in to the Consentry console' }).waitFor()
    await colleague.close()
  })

  it('refuses to delete a site that holds records, and deletes one that does not', async () => {
    await page.goto(siteTab(DEMO_SITE, 'settings'))
    await page.getByLabel(/Type the site id/).fill(DEMO_SITE)
    await page.getByRole('button', { name: 'Delete site' }).click()
    await page.getByText(/still holds consent records/).waitFor()

    const { sites } = await fromConsole<{ sites: { id: string; name: string }[] }>('/v1/admin/sites')
    const bakery = sites.find((s) => s.name === 'Bakery')!
    await page.goto(siteTab(bakery.id, 'settings'))
    await page.getByLabel(/Type the site id/).fill(bakery.id)
    await page.getByRole('button', { name: 'Delete site' }).click()
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor()
    // The Bakery is gone; the demo's two sites (the news site and the Canadian B2B starter) remain.
    await expect
      .poll(async () => (await fromConsole<{ sites: { id: string }[] }>('/v1/admin/sites')).sites.map((s) => s.id).sort())
      .toEqual([DEMO_SITE, 'site_cab2b0001'].sort())
  })

  it('is usable with the keyboard alone, with a site-scoped key', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const kb = await context.newPage()
    /** Presses Tab until the focused element has this accessible text (at most 60 times). */
    const tabTo = async (text: string) => {
      for (let i = 0; i < 60; i++) {
        await kb.keyboard.press('Tab')
        const focused = await kb.evaluate(() => {
          const el = document.activeElement as HTMLElement | null
          return `${el?.getAttribute('aria-label') ?? ''} ${el?.innerText ?? ''} ${(el as HTMLInputElement | null)?.labels?.[0]?.innerText ?? ''}`
        })
        if (focused.includes(text)) return
      }
      throw new Error(`Tab never reached "${text}"`)
    }
    await kb.goto(`${demo.origin}/admin/`)
    await kb.getByRole('heading', { name: 'Sign in to the Consentry console' }).waitFor()
    await tabTo('Skip to content')
    await tabTo('Admin key')
    await kb.keyboard.type(demo.adminKey)
    await kb.keyboard.press('Enter')
    await kb.getByRole('heading', { name: 'Sites', level: 1 }).waitFor()
    expect(await kb.getByText('only an all-sites key may create sites').count()).toBe(1)
    await tabTo('Consentry demo news')
    await kb.keyboard.press('Enter')
    await kb.getByRole('heading', { name: 'Consentry demo news', level: 1 }).waitFor()
    await tabTo('Consent log')
    await kb.keyboard.press('Enter')
    await kb.getByRole('heading', { name: 'Consent log', level: 2 }).waitFor()
    await tabTo('Details')
    await kb.keyboard.press('Enter')
    await kb.getByText('Chain position').waitFor()
    await context.close()
  })

  it('scans the demo site from the Scans tab and shows the findings and the proposed declaration', async () => {
    await page.goto(siteTab(DEMO_SITE, 'scans'))
    await settled(page)
    await page.getByRole('button', { name: 'Scan now' }).click()
    // The scan runs in the API process (three passes over the demo's pages); the tab polls until it is done.
    const show = page.getByRole('button', { name: /— show$/ }).first()
    await show.waitFor({ timeout: 150_000 })
    await show.click()
    const result = page.getByRole('region', { name: 'Scan result' })
    await result.getByText(/passes: before, reject, accept/).waitFor()
    // The demo sets nothing before consent; its reading list is set only on a click, so it is declared but never seen.
    expect(await result.locator('[data-kind="before_consent"], [data-kind="after_reject"]').count()).toBe(0)
    await result
      .getByText(/demo_reading_list/)
      .first()
      .waitFor()
    await result.getByText('Nothing to add.').waitFor()
  })

  it('adopts the proposed declaration of a scan that finds an undeclared cookie, keeping what the owner wrote', async () => {
    // The demo's own tags set only simulated vendors' cookies, which no catalogue knows (the scanner lists them as
    // unclassified and proposes nothing). So the owner's site here is a small shop served by the test, outside
    // Consentry: it sets its cart cookie and Google Analytics' `_ga`, which its configuration forgets to declare.
    shop = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>
document.cookie = 'shop_cart=1; path=/; max-age=3600'
document.cookie = '_ga=GA1.1.123456789.1700000000; path=/; max-age=63072000'
</script></head><body><main><h1>Shop</h1></main></body></html>`)
    })
    await new Promise<void>((resolve) => shop!.listen(0, '127.0.0.1', resolve))
    const shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`
    const site = await asOwner<{ id: string }>('POST', '/v1/admin/sites', { name: 'Scanned shop', allowedOrigins: [shopOrigin] })
    const cart = {
      id: 'shop-cart',
      name: 'Shopping cart',
      provider: 'Example Shop Ltd',
      category: 'essential',
      purpose: 'Keeps what the visitor puts in the cart.',
      justification: 'The visitor asked us to keep the cart (user-input cookie).',
      privacyPolicyUrl: `${shopOrigin}/privacy`,
      storage: [{ name: 'shop_cart', lifetime: 3600, description: 'What is in the cart, in the owner’s words', party: 'first' }],
    }
    const written = {
      siteId: site.id,
      name: 'Scanned shop',
      controller: { name: 'Example Shop Ltd', contact: 'privacy@shop.example' },
      policy: { revision: 1, url: `${shopOrigin}/privacy` },
      services: [cart],
    }
    await asOwner('POST', `/v1/admin/sites/${site.id}/config-versions`, written)

    await page.goto(siteTab(site.id, 'scans'))
    await settled(page)
    await page.getByRole('button', { name: 'Scan now' }).click()
    const show = page.getByRole('button', { name: /— show$/ }).first()
    await show.waitFor({ timeout: 150_000 })
    await show.click()
    const result = page.getByRole('region', { name: 'Scan result' })
    await result.locator('[data-kind="undeclared"]', { hasText: /cookie _ga \(.*\) is not in the site's declaration \(known as .*, analytics\)/ }).waitFor()
    await result.getByText(/cookie _ga → service google-analytics/).waitFor()
    expect(await result.locator('[data-kind="undeclared"]', { hasText: 'shop_cart' }).count()).toBe(0)

    await result.getByRole('button', { name: 'Adopt proposed declaration' }).click()
    await page.getByText(/Adopted: published version 2 /).waitFor()
    const now = await fromConsole<{ publishedVersionId: string }>(`/v1/admin/sites/${site.id}`)
    const published = await fromConsole<{ version: number; config: { services: { id: string; category: string; storage: { name: string }[] }[] } }>(
      `/v1/admin/sites/${site.id}/config-versions/${now.publishedVersionId}`,
    )
    expect(published.version).toBe(2)
    const analytics = published.config.services.find((s) => s.storage.some((c) => c.name === '_ga'))
    expect(analytics).toMatchObject({ id: 'google-analytics', category: 'analytics' })
    // Everything the owner wrote is still there, word for word.
    expect(published.config).toMatchObject({ name: written.name, controller: written.controller, policy: written.policy })
    expect(published.config.services.find((s) => s.id === 'shop-cart')).toMatchObject(cart)
  })

  it('axe finds no violations on any screen, light and dark, and nothing scrolls sideways at 375 px', async () => {
    const screens = [
      '#/sites',
      '#/keys',
      ...['configuration', 'publish', 'embed', 'log', 'statistics', 'requests', 'scans', 'settings'].map((t) => `#/sites/${DEMO_SITE}/${t}`),
    ]
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${demo.origin}/admin/#/sites`)
      await page.getByLabel('Theme', { exact: true }).first().selectOption(theme)
      for (const hash of screens) {
        await page.goto(`${demo.origin}/admin/${hash}`)
        await settled(page)
        for (const v of await axe(page)) found.push(`${theme} ${hash} ${v}`)
      }
    }
    await page.setViewportSize({ width: 375, height: 800 })
    for (const hash of screens) {
      await page.goto(`${demo.origin}/admin/${hash}`)
      await settled(page)
      const wide = await page.evaluate(() => document.documentElement.scrollWidth)
      if (wide > 376) {
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 380 && e.parentElement!.getBoundingClientRect().right <= 380)
            .slice(0, 3)
            .map((e) => `${e.tagName}.${e.className} in ${e.parentElement!.tagName}.${e.parentElement!.className}`),
        )
        found.push(`375px ${hash}: page is ${wide}px wide (${culprits.join(', ')})`)
      }
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      // Signed out, the console follows the system's scheme.
      const signedOut = await browser.newContext({ colorScheme })
      const signIn = await signedOut.newPage()
      await signIn.goto(`${demo.origin}/admin/`)
      await signIn.getByRole('heading', { name: 'Sign in to the Consentry console' }).waitFor()
      for (const v of await axe(signIn)) found.push(`sign-in ${colorScheme} ${v}`)
      await signedOut.close()
    }
    expect(found).toEqual([])
  })
})
