import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { resolveJurisdiction, normalizeLocation, type ConfigResponse } from '@consentry/shared'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { launchChromium } from '../support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../support/static-server'
import { SITE, inBanner, sitePage } from '../support/pages'

let browser: Browser
let server: TestServer
let apiUp = true
let pageHtml = sitePage()

const config = siteConfigSchema.parse(SITE)
const configResponse = (country: string): ConfigResponse => ({
  siteId: SITE.siteId,
  versionId: 'cfg_e2e1',
  hash: 'f'.repeat(64),
  config,
  jurisdiction: resolveJurisdiction(normalizeLocation(country)),
})
const html = (res: ServerResponse, body: string) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
/** Idempotency key → how many times this fake API answered it 2xx (the real API stores a key once). */
const acknowledged = new Map<string, number>()
const consentPosts = () =>
  server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/consents').map((r) => JSON.parse(r.body) as Record<string, unknown>)

beforeAll(async () => {
  browser = await launchChromium()
  server = await startTestServer({
    root: BANNER_DIST,
    routes: {
      '/page': (_req, res) => html(res, pageHtml),
      '/v1/consents': (_req, res, body) => {
        if (!apiUp) return void res.writeHead(503).end()
        const key = String((JSON.parse(body) as { idempotencyKey?: unknown }).idempotencyKey)
        acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1)
        res.writeHead(acknowledged.get(key) === 1 ? 201 : 200, { 'content-type': 'application/json' }).end('{}')
      },
      [`/v1/sites/${SITE.siteId}/consentry.js`]: (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
          .end(`window.__consentryBootstrap=${JSON.stringify(configResponse('IT'))};\n${readFileSync(join(BANNER_DIST, 'consentry.js'), 'utf8')}`),
      [`/v1/sites/${SITE.siteId}/config`]: (_req, res) =>
        apiUp ? void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(configResponse('FR'))) : void res.writeHead(503).end(),
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function visit(body: string, init?: string): Promise<{ page: Page; errors: string[] }> {
  pageHtml = body
  const context = await browser.newContext()
  if (init) await context.addInitScript(init)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server.url}/page`)
  return { page, errors }
}

const noInline = (attrs: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body><main><h1>Shop</h1></main><script src="/consentry.js" ${attrs}></script></body></html>`

describe('embedding, JavaScript API and delivery (Chromium)', () => {
  it('renders from the published configuration fetched with data-site and data-api', async () => {
    apiUp = true
    const { page, errors } = await visit(noInline(`data-site="${SITE.siteId}" data-api="${'{API}'}"`.replace('{API}', server.url)))
    await inBanner(page, '[data-action=accept]').click()
    await page.waitForFunction(() => localStorage.length === 0 || !Object.keys(localStorage).some((k) => k.startsWith('consentry:outbox')))
    const post = consentPosts().at(-1)!
    expect(post).toMatchObject({ method: 'accept_all', configVersionId: 'cfg_e2e1', jurisdiction: 'FR', siteId: SITE.siteId })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('uses window.__consentryBootstrap without a second request', async () => {
    const before = server.requests.length
    const boot = `<script>window.__consentryBootstrap=${JSON.stringify(configResponse('DE'))}</script>`
    const { page } = await visit(noInline(`data-site="${SITE.siteId}" data-api="${server.url}"`, boot))
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(server.requests.slice(before).some((r) => r.path.includes('/config'))).toBe(false)
    await page.context().close()
  })

  it('the script the API serves with the configuration built in needs no attributes and no second request', async () => {
    apiUp = true
    const before = server.requests.length
    const { page, errors } = await visit(
      `<!doctype html><html lang="en"><head><title>t</title><script src="/v1/sites/${SITE.siteId}/consentry.js"></script></head><body><h1>Shop</h1></body></html>`,
    )
    await inBanner(page, '[data-action=reject]').click()
    await expect.poll(() => consentPosts().filter((p) => p.configVersionId === 'cfg_e2e1' && p.jurisdiction === 'IT').length).toBe(1)
    expect(server.requests.slice(before).some((r) => r.path.endsWith('/config'))).toBe(false)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('with the API down the page keeps working; records wait in localStorage and are delivered exactly once later', async () => {
    apiUp = false
    const start = consentPosts().length
    const { page, errors } = await visit(sitePage({ attrs: { 'data-api': server.url } }))
    await inBanner(page, '[data-action=reject]').click()
    await expect.poll(() => consentPosts().length - start).toBeGreaterThanOrEqual(1)
    const waiting = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('consentry:outbox:site_e2e00001') ?? '{}')))
    expect(waiting).toHaveLength(1)
    expect(errors).toEqual([])
    apiUp = true
    await page.reload()
    await page.waitForFunction(() => localStorage.getItem('consentry:outbox:site_e2e00001') === null)
    const keys = consentPosts()
      .slice(start)
      .map((p) => p.idempotencyKey)
    expect(new Set(keys)).toEqual(new Set(waiting)) // every attempt carried the same key: the API stores it once
    // Delivered (the leaving page's sendBeacon may have delivered it already: the API answers a repeat with the
    // first receipt), and never sent again once a 2xx was seen.
    const answered = acknowledged.get(waiting[0]!)
    expect(answered).toBeGreaterThanOrEqual(1)
    await page.waitForTimeout(1500)
    expect(acknowledged.get(waiting[0]!)).toBe(answered)
    await page.context().close()
  })

  it('with the API back while the page stays open, the outbox retries on its own and delivers once', async () => {
    apiUp = false
    const { page } = await visit(sitePage({ attrs: { 'data-api': server.url } }))
    await inBanner(page, '[data-action=accept]').click()
    const waiting = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('consentry:outbox:site_e2e00001') ?? '{}')))
    expect(waiting).toHaveLength(1)
    apiUp = true
    // Backoff starts at about a second and doubles; no reload, no new decision.
    await page.waitForFunction(() => localStorage.getItem('consentry:outbox:site_e2e00001') === null, undefined, { timeout: 15_000 })
    expect(acknowledged.get(waiting[0]!)).toBe(1)
    await page.context().close()
  })

  it('a choice made while the API host (which also serves the chunks) is down is delivered on the same page once it is back, exactly once', async () => {
    // The script comes from the API host with its configuration built in; the page from another host.
    const apiRoutes = {
      '/v1/consents': (req: IncomingMessage, res: ServerResponse, body: string) => {
        const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' }
        if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end()
        const key = String((JSON.parse(body) as { idempotencyKey?: unknown }).idempotencyKey)
        acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1)
        res.writeHead(201, { 'content-type': 'application/json', ...cors }).end('{}')
      },
      [`/v1/sites/${SITE.siteId}/consentry.js`]: (_req: unknown, res: ServerResponse) =>
        void res
          .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
          .end(`window.__consentryBootstrap=${JSON.stringify(configResponse('IT'))};\n${readFileSync(join(BANNER_DIST, 'consentry.js'), 'utf8')}`),
    }
    let api = await startTestServer({ routes: apiRoutes })
    const port = Number(new URL(api.url).port)
    try {
      const { page, errors } = await visit(
        `<!doctype html><html lang="en"><head><title>t</title><script src="${api.url}/v1/sites/${SITE.siteId}/consentry.js"></script></head><body><h1>Shop</h1></body></html>`,
      )
      await inBanner(page, '[data-action=accept]').waitFor()
      await api.close()
      await inBanner(page, '[data-action=accept]').click()
      const waiting = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('consentry:outbox:site_e2e00001') ?? '{}')))
      expect(waiting).toHaveLength(1)
      await page.waitForTimeout(2500) // the chunk and the delivery fail at least once while the host is down
      api = await startTestServer({ routes: apiRoutes, port })
      await page.waitForFunction(() => localStorage.getItem('consentry:outbox:site_e2e00001') === null, undefined, { timeout: 30_000 })
      const posts = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/consents')
      expect(posts.map((p) => (JSON.parse(p.body) as { idempotencyKey: string }).idempotencyKey)).toEqual(waiting)
      expect(acknowledged.get(waiting[0]!)).toBe(1)
      expect(errors).toEqual([])
      await page.context().close()
    } finally {
      await api.close()
    }
  })

  it('a configuration request that fails leaves the host page untouched (no error thrown into it)', async () => {
    apiUp = false
    const { page, errors } = await visit(noInline(`data-site="${SITE.siteId}" data-api="${server.url}"`))
    await page.waitForTimeout(300)
    expect(errors).toEqual([])
    expect(await page.locator('consentry-banner').count()).toBe(0)
    expect(await page.textContent('h1')).toBe('Shop')
    apiUp = true
    await page.context().close()
  })

  it('replays calls queued before the script loaded, and push() keeps working after', async () => {
    const queue = `<script>window.consentry = window.consentry || [];
      consentry.push(['on', 'decision', function (s) { (window.seen = window.seen || []).push(s.method) }]);
      consentry.push(['on', 'show', function (v) { window.shown = v }]);
      consentry.push(function (api) { window.ready = typeof api.acceptAll === 'function' });</script>`
    const { page } = await visit(sitePage({ body: queue }))
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
    expect(await page.evaluate(() => (window as unknown as { shown?: string }).shown)).toBe('banner') // the first layer at start-up
    await page.evaluate(() => (window as unknown as { consentry: { push(c: unknown[]): void } }).consentry.push(['acceptAll']))
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['accept_all'])
    expect(await page.evaluate(() => (window as unknown as { consentry: { has(id: string): boolean } }).consentry.has('ga4'))).toBe(true)
    await page.context().close()
  })

  it('GPC-01, GPC-05, GPC-06: with GPC in California the opt-out is recorded silently and the status is visible', async () => {
    const start = consentPosts().length
    const gpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })"
    const { page } = await visit(sitePage({ attrs: { 'data-api': server.url, 'data-country': 'US', 'data-region': 'CA' } }), gpc)
    const status = inBanner(page, '[role=status].gpc')
    await status.waitFor()
    expect(await status.isVisible()).toBe(true)
    expect(await status.textContent()).toBe('Opt-out request honored')
    expect(await inBanner(page, '[role=dialog]').count()).toBe(0)
    await expect
      .poll(() =>
        consentPosts()
          .slice(start)
          .map((p) => p.method),
      )
      .toEqual(['gpc'])
    await page.context().close()
  })

  it('GPC-01: globalPrivacyControl false means no signal', async () => {
    const gpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => false })"
    const { page } = await visit(sitePage({ attrs: { 'data-country': 'US', 'data-region': 'CA' } }), gpc)
    await inBanner(page, '[data-action=accept]').waitFor()
    expect(await inBanner(page, '[role=status].gpc').count()).toBe(0)
    await page.context().close()
  })
})
