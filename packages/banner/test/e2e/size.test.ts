import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { resolveJurisdiction, normalizeLocation, type ConfigResponse } from '@consentry/shared'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { SITE, inBanner } from '../support/pages'

/** What a first page view of the default embed (JS + CSS, English, four categories) may download, gzip level 9. */
// The target is 12 KB (issue 21). The light-DOM first layer, its id-scoped reset sheet, the per-regime wording,
// issue 17's sale-free and US opt-out state and the start-up work took the core to about 13.9 KB
// (docs/banner-dom.md, Size); until it is cut back, this stops any further growth.
const BUDGET_GZIP = 14 * 1024
/** The cookie declaration's chunk, downloaded only by pages that hold a `[data-consentry-declaration]`. */
const DECLARATION_BUDGET_GZIP = 3.5 * 1024

const gzip = (file: string) => gzipSync(readFileSync(join(BANNER_DIST, file)), { level: 9 }).length

let browser: Browser
let server: TestServer
const configResponse = (country: string): ConfigResponse => ({
  siteId: SITE.siteId,
  versionId: 'cfg_size1',
  hash: 'f'.repeat(64),
  config: siteConfigSchema.parse(SITE),
  jurisdiction: resolveJurisdiction(normalizeLocation(country)),
})
const html = (res: ServerResponse, body: string) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    routes: {
      '/page': (_req, res) =>
        html(
          res,
          `<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Shop</h1></main><script src="/consentry.js" data-site="${SITE.siteId}" data-api="${server.url}"></script></body></html>`,
        ),
      // The visitor's country from the page's query string, as a CDN header would give it.
      [`/v1/sites/${SITE.siteId}/config`]: (req, res) =>
        void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(configResponse(req.headers.referer?.includes('us') ? 'US' : 'DE'))),
      '/v1/consents': (_req, res) => void res.writeHead(201, { 'content-type': 'application/json' }).end('{}'),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('bundle budget', () => {
  it('the core a first view downloads (dist/consentry.js, CSS inside) stays within the budget', () => {
    expect(gzip('consentry.js')).toBeLessThanOrEqual(BUDGET_GZIP)
  })

  it('every bundle is a parenthesized function, which V8 compiles in one pass (an arrow IIFE is parsed twice)', () => {
    const files = readdirSync(BANNER_DIST).filter((f) => /^consentry(-[a-z]+)?\.js$/.test(f))
    expect(files.length).toBeGreaterThan(1)
    for (const file of files) expect(readFileSync(join(BANNER_DIST, file), 'utf8').slice(0, 30), file).toMatch(/^"use strict";\(function\(\)\{/)
  })

  it('the cookie declaration chunk stays within its budget and carries neither Preact nor the dialogs', () => {
    const size = gzip('consentry-declaration.js')
    console.log(`cookie declaration chunk: ${(size / 1024).toFixed(2)} KB gzip`)
    expect(size).toBeLessThanOrEqual(DECLARATION_BUDGET_GZIP)
    const text = readFileSync(join(BANNER_DIST, 'consentry-declaration.js'), 'utf8')
    expect(text).not.toContain('dangerouslySetInnerHTML') // Preact's renderer names it: no renderer inside
    expect(text).not.toContain('cs-prefs-title')
  })

  const scripts = () => server.requests.map((r) => r.path).filter((p) => p.endsWith('.js'))

  it('a first view with the API downloads the core only; the dialogs arrive on Customize, the outbox on a decision', async () => {
    server.requests.length = 0
    const page = await browser.newPage()
    await page.goto(`${server.url}/page`)
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(scripts()).toEqual(['/consentry.js'])
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs [role=switch]').first().waitFor()
    expect(scripts()).toEqual(['/consentry.js', '/consentry-panels.js'])
    await inBanner(page, '.prefs [data-action=reject]').click()
    await expect.poll(() => server.requests.some((r) => r.path === '/v1/consents')).toBe(true)
    expect(scripts()).toEqual(['/consentry.js', '/consentry-panels.js', '/consentry-delivery.js'])
    await page.close()
  })

  it('a first view from the US adds the GPP/USP encoders (consentry-us.js) and the opt-out wording (consentry-texts.js), nothing else', async () => {
    server.requests.length = 0
    const page = await browser.newPage()
    await page.goto(`${server.url}/page?us`)
    await inBanner(page, '[data-action=accept]').waitFor()
    await page.waitForFunction(
      () => new Promise((ok) => (window as unknown as { __gpp: Function }).__gpp('ping', (p: { signalStatus: string }) => ok(p.signalStatus === 'ready'))),
    )
    expect(scripts().sort()).toEqual(['/consentry-texts.js', '/consentry-us.js', '/consentry.js'])
    const firstView = gzip('consentry.js') + gzip('consentry-us.js') + gzip('consentry-texts.js')
    console.log(`first view from the US: ${(firstView / 1024).toFixed(2)} KB gzip`)
    await page.close()
  })
})
