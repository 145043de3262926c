import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { ServiceConfig } from '@consentry/shared/schemas'
import { aggregate } from './aggregate'
import { instrumentationScript, REPORT_BINDING, type WriteReport } from './browser/instrument'
import { launchSystemChromium } from './browser/launch'
import { CATALOGUE } from './classify/catalogue'
import { createClassifier } from './classify/classify'
import type { OcdEntry } from './classify/open-cookie-database'
import { parseSitemap, samePageUrl, sitemapsInRobots } from './crawl/discover'
import { visitPage, type RawVisit } from './crawl/visit'
import { compareScans } from './report/changes'
import { proposeDeclaration, type Declaration } from './report/declaration'
import { findFindings } from './report/findings'
import type { Pass, ScanResult } from './report/result-schema'

export interface ScanOptions {
  /** The first page; every page scanned shares its origin. */
  url: string
  /** Most pages per pass. Default 20. */
  maxPages?: number
  /** Most link hops from the first page (ignored when a sitemap lists the pages). Default 3. */
  maxDepth?: number
  /** Pages open at once per pass: bounds memory. Default 3. */
  concurrency?: number
  /** Visit as from this country (ISO 3166-1, sent as CDN geo headers), optionally a region (`CA`). */
  country?: string | null
  region?: string | null
  /** Send Global Privacy Control (`Sec-GPC: 1` and `navigator.globalPrivacyControl`). */
  gpc?: boolean
  /** The site's declaration (a configuration, or `{ services }`); default: what the page's Consentry reports. */
  config?: Declaration | null
  /** Entries of the Open Cookie Database (see `loadOpenCookieDatabase`). */
  ocd?: { path: string; entries: readonly OcdEntry[]; rejected: number } | null
  /** The previous scan of the same site, for the change report. */
  previous?: Pick<ScanResult, 'cookies' | 'storage' | 'requests' | 'findings' | 'finishedAt'> | null
  /** When given, the origin the start URL lands on (after redirects) must be one of these. */
  allowedOrigins?: readonly string[]
  /** Extra pages to scan besides those found (same origin only). */
  extraUrls?: string[]
  chromiumPath?: string
  /** A browser to use instead of launching one (left open). */
  browser?: Browser
  onProgress?: (event: ScanProgress) => void
  /** Wait for the network to go quiet after load, at most this long. Default 1500 ms. */
  settleMs?: number
  timeoutMs?: number
}

/** One line of progress: a page visited in a pass. */
export interface ScanProgress {
  pass: Pass
  url: string
  done: number
  total: number
  status: number | null
  error: string | null
  ms: number
}

interface ConsentryProbe {
  siteId: string | null
  cookieName: string
  scriptOrigin: string | null
  config: Declaration
}

/**
 * Scans a site: crawls up to `maxPages` same-origin pages before any choice, then (on a Consentry site) again
 * after Reject all and after Accept all, classifies what was set and sent, and reports findings, a proposed
 * declaration and the changes since `previous`.
 * @example const result = await scanSite({ url: 'http://127.0.0.1:8787/site/', maxPages: 10 })
 */
export async function scanSite(options: ScanOptions): Promise<ScanResult> {
  const startedAt = Date.now()
  const given = new URL(options.url)
  if (!/^https?:$/.test(given.protocol)) throw new Error(`only http(s) URLs can be scanned, not ${given.protocol}`)
  // Where the URL lands (http → https, example.com → www.example.com): that origin is the site scanned.
  const start = await finalUrl(given)
  const origin = start.origin
  if (options.allowedOrigins && !options.allowedOrigins.includes(origin)) throw new Error(`${given.href} leads to ${origin}, which is not one of the site's allowed origins`)
  const opts = {
    maxPages: Math.max(1, options.maxPages ?? 20),
    maxDepth: Math.max(0, options.maxDepth ?? 3),
    concurrency: Math.max(1, Math.min(options.concurrency ?? 3, 16)),
    country: options.country?.toUpperCase() ?? null,
    region: options.region?.toUpperCase() ?? null,
    gpc: options.gpc ?? false,
  }
  const settleMs = options.settleMs ?? 1500
  const timeoutMs = options.timeoutMs ?? 30_000
  const browser = options.browser ?? (await launchSystemChromium(options.chromiumPath))
  const visits: RawVisit[] = []
  const pages = new Map<string, ScanResult['pages'][number]>()
  try {
    const contextOptions: BrowserContextOptions = { extraHTTPHeaders: headersFor(opts), ignoreHTTPSErrors: true }
    const newContext = () => instrumentedContext(browser, contextOptions, opts.gpc)

    const probe = await probeConsentry(await newContext(), start.toString(), timeoutMs)
    const seeds = await discoverSeeds(origin, start.toString(), options.extraUrls ?? [])
    let done = 0
    const record = (v: RawVisit, total: number) => {
      visits.push(v)
      const page = pages.get(v.page) ?? { url: v.page, depth: v.depth, visits: [] }
      page.visits.push({ pass: v.pass, status: v.status, error: v.error, ms: v.ms })
      pages.set(v.page, page)
      options.onProgress?.({ pass: v.pass, url: v.page, done: ++done, total, status: v.status, error: v.error, ms: v.ms })
    }

    // Pass 1, before any choice: also finds the pages (sitemap, else links).
    const before = await newContext()
    const scheduled = new Set<string>()
    const queue: { url: string; depth: number }[] = []
    const enqueue = (url: string, depth: number) => {
      if (scheduled.size >= opts.maxPages || scheduled.has(url)) return
      scheduled.add(url)
      queue.push({ url, depth })
    }
    for (const s of seeds.urls) enqueue(s, seeds.fromSitemap && s !== start.toString() ? 1 : 0)
    const passes: Pass[] = probe ? ['before', 'reject', 'accept'] : ['before']
    const expectedTotal = () => scheduled.size * passes.length
    await runPool(queue, opts.concurrency, async (item) => {
      const v = await visitPage({ ...visitBase(before.context, before.writesFor, settleMs, timeoutMs), url: item.url, depth: item.depth, pass: 'before', collectLinks: !seeds.fromSitemap && item.depth < opts.maxDepth })
      for (const link of v.links) {
        const url = samePageUrl(link, origin)
        if (url) enqueue(url, item.depth + 1)
      }
      record(v, expectedTotal())
    })
    await before.context.close()

    // Passes 2 and 3 on a Consentry site: decide once through its JavaScript API, then visit every page again.
    const found = [...pages.values()].filter((p) => p.visits.some((x) => x.pass === 'before' && !x.error))
    if (probe) {
      for (const pass of ['reject', 'accept'] as const) {
        const ctx = await newContext()
        await decide(ctx.context, start.toString(), pass, probe.cookieName, timeoutMs, settleMs)
        await runPool(
          found.map((p) => ({ url: p.url, depth: p.depth })),
          opts.concurrency,
          async (item) => record(await visitPage({ ...visitBase(ctx.context, ctx.writesFor, settleMs, timeoutMs), url: item.url, depth: item.depth, pass, collectLinks: false }), scheduled.size + found.length * 2),
        )
        await ctx.context.close()
      }
    }

    const declaration: Declaration | null = options.config ?? probe?.config ?? null
    const declared = declaration && Array.isArray(declaration.services) ? (declaration.services as ServiceConfig[]) : null
    const classifier = createClassifier({ catalogue: CATALOGUE, ocd: options.ocd?.entries, declared: declared ?? undefined, consentCookieName: probe?.cookieName })
    const consentryService = CATALOGUE.services.find((s) => s.id === 'consentry')
    const platformMatch = consentryService
      ? { source: 'catalogue' as const, category: consentryService.category, serviceId: 'consentry', serviceName: consentryService.name, provider: consentryService.provider, lifetime: null, description: null, privacyPolicyUrl: consentryService.privacyPolicyUrl, pattern: null }
      : null
    const observed = aggregate(visits, start.toString(), classifier, { origin: probe?.scriptOrigin ?? null, match: platformMatch })
    const findings = findFindings({ ...observed, declared, classifier })
    const finishedAt = Date.now()
    const result: ScanResult = {
      schemaVersion: 1,
      url: start.toString(),
      startedAt,
      finishedAt,
      options: opts,
      consentry: { detected: probe !== null, siteId: probe?.siteId ?? null, cookieName: probe?.cookieName ?? null, scriptOrigin: probe?.scriptOrigin ?? null },
      passes,
      pages: [...pages.values()],
      ...observed,
      findings,
      proposed: proposeDeclaration({ declaration, cookies: observed.cookies, storage: observed.storage, catalogue: CATALOGUE, now: finishedAt }),
      changes: null,
      sources: {
        catalogueVersion: CATALOGUE.version,
        catalogueServices: CATALOGUE.services.length,
        openCookieDatabase: options.ocd ? { path: options.ocd.path, entries: options.ocd.entries.length, rejected: options.ocd.rejected } : null,
      },
    }
    if (options.previous) result.changes = compareScans(result, options.previous)
    return result
  } finally {
    if (!options.browser) await browser.close()
  }
}

async function finalUrl(url: URL): Promise<URL> {
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10_000) })
    await res.body?.cancel()
    return res.url ? new URL(res.url) : url
  } catch {
    return url
  }
}

function headersFor(o: { country: string | null; region: string | null; gpc: boolean }): Record<string, string> {
  const h: Record<string, string> = {}
  // The headers CDNs add and Consentry's API reads (Cloudflare's names; the API also reads Vercel's and CloudFront's).
  if (o.country) h['cf-ipcountry'] = o.country
  if (o.country && o.region) h['cf-region-code'] = o.region
  if (o.gpc) h['sec-gpc'] = '1'
  return h
}

const visitBase = (context: BrowserContext, writesFor: (p: Page) => WriteReport[], settleMs: number, timeoutMs: number) => ({ context, writesFor, settleMs, timeoutMs })

/** A fresh context (no cookies, no storage) with the write-reporting init script and binding. */
async function instrumentedContext(browser: Browser, options: BrowserContextOptions, gpc: boolean) {
  const context = await browser.newContext(options)
  const writes = new WeakMap<Page, WriteReport[]>()
  await context.exposeBinding(REPORT_BINDING, (source, report: WriteReport) => {
    const list = writes.get(source.page) ?? []
    if (list.length < 2000) list.push(report)
    writes.set(source.page, list)
  })
  await context.addInitScript(instrumentationScript({ gpc }))
  return { context, writesFor: (p: Page) => writes.get(p) ?? [] }
}

/** Bounded pool: at most `concurrency` items in flight; items pushed onto `queue` while running are picked up too. */
async function runPool<T>(queue: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let active = 0
  let failure: unknown = null
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (failure === null && active < concurrency && queue.length) {
        const item = queue.shift()!
        active++
        work(item)
          .catch((error: unknown) => (failure ??= error))
          .finally(() => {
            active--
            pump()
          })
      }
      if (active === 0 && (queue.length === 0 || failure !== null)) resolve()
    }
    pump()
  })
  if (failure !== null) throw failure
}

/** The start page plus sitemap pages (robots.txt `Sitemap:` lines, else /sitemap.xml), same origin only. */
async function discoverSeeds(origin: string, start: string, extra: string[]): Promise<{ urls: string[]; fromSitemap: boolean }> {
  const get = async (url: string) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' })
      return res.ok ? await res.text() : null
    } catch {
      return null
    }
  }
  const robots = await get(`${origin}/robots.txt`)
  const maps = robots ? sitemapsInRobots(robots) : []
  if (!maps.length) maps.push(`${origin}/sitemap.xml`)
  const pages: string[] = []
  for (let i = 0; i < maps.length && i < 20; i++) {
    const xml = await get(maps[i]!)
    if (!xml || !/<(urlset|sitemapindex)\b/i.test(xml)) continue
    const parsed = parseSitemap(xml)
    pages.push(...parsed.pages)
    maps.push(...parsed.sitemaps.filter((s) => s.startsWith(origin)))
  }
  const own = (list: string[]) => list.map((u) => samePageUrl(u, origin)).filter((u): u is string => u !== null)
  const sitemapPages = own(pages)
  return { urls: [...new Set([start, ...own(extra), ...sitemapPages])], fromSitemap: sitemapPages.length > 0 }
}

type ConsentryWindow = Window & { consentry?: { acceptAll?: () => void; rejectAll?: () => void; get?: () => { config: Record<string, unknown> & { siteId?: string; consent?: { cookieName?: string } }; consent: { decided?: boolean } } } }

/** Whether the page runs Consentry (waits for its JavaScript API), and its configuration. Uses its own context. */
async function probeConsentry(ctx: { context: BrowserContext }, url: string, timeoutMs: number): Promise<ConsentryProbe | null> {
  const page = await ctx.context.newPage()
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs })
    const present = await page.evaluate(() => 'consentry' in window)
    if (!present) return null
    await page.waitForFunction(() => typeof (window as ConsentryWindow).consentry?.acceptAll === 'function', undefined, { timeout: 10_000 })
    return await page.evaluate(() => {
      const snapshot = (window as ConsentryWindow).consentry!.get!()
      const script = [...document.scripts].find((s) => /consentry[^/]*\.js(\?|$)/.test(s.src))
      return {
        siteId: snapshot.config.siteId ?? null,
        cookieName: snapshot.config.consent?.cookieName ?? 'consentry',
        scriptOrigin: script ? new URL(script.src).origin : null,
        config: JSON.parse(JSON.stringify(snapshot.config)) as Record<string, unknown>,
      }
    })
  } catch {
    return null
  } finally {
    await ctx.context.close()
  }
}

/**
 * Makes the choice on the start page through `window.consentry`, waits for it to be stored, then keeps only the
 * consent cookie: what the pass records is what happens after the choice, not what the first page did before it.
 */
async function decide(context: BrowserContext, url: string, pass: 'reject' | 'accept', cookieName: string, timeoutMs: number, settleMs: number): Promise<void> {
  const page = await context.newPage()
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs })
    await page.waitForFunction(() => typeof (window as ConsentryWindow).consentry?.acceptAll === 'function', undefined, { timeout: 10_000 })
    await page.evaluate((p) => {
      const c = (window as ConsentryWindow).consentry!
      if (p === 'reject') c.rejectAll!()
      else c.acceptAll!()
    }, pass)
    await page.waitForFunction(() => (window as ConsentryWindow).consentry!.get!().consent.decided === true, undefined, { timeout: 5000 })
    await page.waitForLoadState('networkidle', { timeout: settleMs }).catch(() => {})
  } finally {
    await page.close()
  }
  const keep = (await context.cookies()).filter((c) => c.name === cookieName)
  await context.clearCookies()
  if (keep.length) await context.addCookies(keep)
}
