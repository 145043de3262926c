import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { ServiceConfig } from '@consentry/shared/schemas'
import { aggregate } from './aggregate'
import { instrumentationScript, REPORT_BINDING, type WriteReport } from './browser/instrument'
import { launchSystemChromium } from './browser/launch'
import { CATALOGUE } from './classify/catalogue'
import { createClassifier } from './classify/classify'
import type { OcdEntry } from './classify/open-cookie-database'
import { samePageUrl } from './crawl/discover'
import { decide, probeConsentry } from './crawl/consentry-api'
import { runPool } from './crawl/pool'
import { discoverSeeds, finalUrl } from './crawl/seeds'
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
  if (options.allowedOrigins && !options.allowedOrigins.includes(origin))
    throw new Error(`${given.href} leads to ${origin}, which is not one of the site's allowed origins`)
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
      const v = await visitPage({
        ...visitBase(before.context, before.writesFor, settleMs, timeoutMs),
        url: item.url,
        depth: item.depth,
        pass: 'before',
        collectLinks: !seeds.fromSitemap && item.depth < opts.maxDepth,
      })
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
        const failed = await decide(ctx.context, start.toString(), pass, probe.cookieName, timeoutMs, settleMs).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error)),
        )
        if (failed) {
          // The choice could not be made: this pass has nothing to say; the start page's visit carries the reason.
          record(
            {
              pass,
              page: start.toString(),
              depth: 0,
              status: null,
              error: `could not ${pass === 'reject' ? 'reject' : 'accept'} through window.consentry: ${failed}`,
              ms: 0,
              jar: [],
              writes: [],
              setCookies: [],
              requests: [],
              storage: [],
              links: [],
            },
            scheduled.size + found.length * 2,
          )
          await ctx.context.close()
          continue
        }
        await runPool(
          found.map((p) => ({ url: p.url, depth: p.depth })),
          opts.concurrency,
          async (item) =>
            record(
              await visitPage({ ...visitBase(ctx.context, ctx.writesFor, settleMs, timeoutMs), url: item.url, depth: item.depth, pass, collectLinks: false }),
              scheduled.size + found.length * 2,
            ),
        )
        await ctx.context.close()
      }
    }

    const declaration: Declaration | null = options.config ?? probe?.config ?? null
    const declared = declaration && Array.isArray(declaration.services) ? (declaration.services as ServiceConfig[]) : null
    const classifier = createClassifier({
      catalogue: CATALOGUE,
      ocd: options.ocd?.entries,
      declared: declared ?? undefined,
      consentCookieName: probe?.cookieName,
    })
    const consentryService = CATALOGUE.services.find((s) => s.id === 'consentry')
    const platformMatch = consentryService
      ? {
          source: 'catalogue' as const,
          category: consentryService.category,
          serviceId: 'consentry',
          serviceName: consentryService.name,
          provider: consentryService.provider,
          lifetime: null,
          description: null,
          privacyPolicyUrl: consentryService.privacyPolicyUrl,
          pattern: null,
        }
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

function headersFor(o: { country: string | null; region: string | null; gpc: boolean }): Record<string, string> {
  const h: Record<string, string> = {}
  // The headers CDNs add and Consentry's API reads (Cloudflare's names; the API also reads Vercel's and CloudFront's).
  if (o.country) h['cf-ipcountry'] = o.country
  if (o.country && o.region) h['cf-region-code'] = o.region
  if (o.gpc) h['sec-gpc'] = '1'
  return h
}

const visitBase = (context: BrowserContext, writesFor: (p: Page) => WriteReport[], settleMs: number, timeoutMs: number) => ({
  context,
  writesFor,
  settleMs,
  timeoutMs,
})

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
