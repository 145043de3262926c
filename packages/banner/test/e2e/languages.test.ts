import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { axe, inBanner, sitePage } from '../support/pages'

let browser: Browser
let server: TestServer
const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/de': html(sitePage({ lang: 'de-DE' })),
      '/ar': html(sitePage({ lang: 'ar' })),
      '/override': html(sitePage({ lang: 'fr', config: { texts: { fr: { 'banner.title': 'Vos données, votre choix' } } } })),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('languages (Chromium)', () => {
  it('A11Y-12: <html lang="de-DE"> loads German on demand and marks the banner lang="de"', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/de`)
    const reject = inBanner(page, '[data-action=reject]')
    await reject.waitFor()
    expect(await reject.textContent()).toBe('Alle ablehnen')
    expect(await inBanner(page, '.root').getAttribute('lang')).toBe('de')
    expect(server.requests.some((r) => r.path === '/i18n/de.json')).toBe(true)
    await page.close()
  })

  it('Arabic lays out right to left, with zero axe violations on both layers', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/ar`)
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(await inBanner(page, '.root').getAttribute('dir')).toBe('rtl')
    expect(await inBanner(page, '[data-action=accept]').textContent()).toBe('قبول الكل')
    expect(await axe(page)).toEqual([])
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs').waitFor()
    expect(await axe(page)).toEqual([])
    await page.close()
  })

  it('a site override replaces one string and keeps the rest of the translation', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/override`)
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(await inBanner(page, '#cs-banner-title').textContent()).toBe('Vos données, votre choix')
    expect(await inBanner(page, '[data-action=reject]').textContent()).toBe('Tout refuser')
    await page.close()
  })
})
