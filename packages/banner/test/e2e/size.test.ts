import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { resolveJurisdiction, normalizeLocation, type ConfigResponse } from '@consentry/shared'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { SITE, inBanner } from '../support/pages'

/**
 * What a first page view of the default embed (JS + CSS, English, four categories) may download, gzip level 9.
 * Issue #4 aims at 12 KB; the core is 19.6 KB today, and this ceiling is lowered as it shrinks (see the README).
 */
const BUDGET_GZIP = 20 * 1024

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
        html(res, `<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Shop</h1></main><script src="/consentry.js" data-site="${SITE.siteId}" data-api="${server.url}"></script></body></html>`),
      [`/v1/sites/${SITE.siteId}/config`]: (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(configResponse('DE'))),
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

  it('a first view with the API downloads the core only; the dialogs arrive on Customize', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/page`)
    await inBanner(page, '[data-action=accept]').waitFor()
    const scripts = () => server.requests.map((r) => r.path).filter((p) => p.endsWith('.js'))
    expect(scripts()).toEqual(['/consentry.js'])
    await inBanner(page, '[data-action=customize]').click()
    await inBanner(page, '.prefs [role=switch]').first().waitFor()
    expect(scripts()).toEqual(['/consentry.js', '/consentry-panels.js'])
    await page.close()
  })
})
