import type { BrowserContext, Cookie, Page } from 'playwright-core'
import type { WriteReport } from '../browser/instrument'
import type { Pass } from '../report/result-schema'

/** Everything one page visit saw, before aggregation. */
export interface RawVisit {
  pass: Pass
  page: string
  depth: number
  status: number | null
  error: string | null
  ms: number
  /** The browser's cookie jar after the page settled. */
  jar: Cookie[]
  writes: WriteReport[]
  setCookies: { name: string; url: string; initiator: string | null }[]
  requests: { url: string; initiator: string | null; resourceType: string }[]
  storage: { kind: 'local_storage' | 'session_storage' | 'indexed_db'; name: string; origin: string }[]
  links: string[]
}

interface CdpInitiator {
  type: string
  url?: string
  stack?: { callFrames: { url: string }[]; parent?: CdpInitiator['stack'] }
}

/** The script URL (or document) that started a request, from Chromium's own initiator record. */
export function initiatorUrl(initiator: CdpInitiator | undefined): string | null {
  if (!initiator) return null
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => /^https?:|^file:/.test(f.url))
    if (frame) return frame.url
  }
  return initiator.url ?? null
}

const cookieName = (header: string) => header.split(';', 1)[0]!.split('=', 1)[0]!.trim()

export interface VisitOptions {
  context: BrowserContext
  url: string
  depth: number
  pass: Pass
  /** Writes reported by the context's binding, routed here by page. */
  writesFor: (page: Page) => WriteReport[]
  collectLinks: boolean
  /** How long to wait for the network to go quiet after `load`. */
  settleMs: number
  timeoutMs: number
}

/** Opens one page in the context, waits for it to settle and records what it set and sent; always closes it. */
export async function visitPage(o: VisitOptions): Promise<RawVisit> {
  const started = Date.now()
  const page = await o.context.newPage()
  const initiators = new Map<string, string | null>()
  const requests: RawVisit['requests'] = []
  const setCookies: RawVisit['setCookies'] = []
  const pending: Promise<unknown>[] = []
  const result: RawVisit = {
    pass: o.pass,
    page: o.url,
    depth: o.depth,
    status: null,
    error: null,
    ms: 0,
    jar: [],
    writes: [],
    setCookies,
    requests,
    storage: [],
    links: [],
  }
  try {
    const cdp = await o.context.newCDPSession(page)
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string }; initiator: CdpInitiator }) => {
      if (!initiators.has(e.request.url)) initiators.set(e.request.url, initiatorUrl(e.initiator))
    })
    await cdp.send('Network.enable')
    page.on('request', (r) => requests.push({ url: r.url(), initiator: null, resourceType: r.resourceType() }))
    page.on('response', (r) => {
      pending.push(
        r
          .headersArray()
          .then((headers) => {
            for (const h of headers)
              if (h.name.toLowerCase() === 'set-cookie')
                for (const line of h.value.split('\n')) setCookies.push({ name: cookieName(line), url: r.url(), initiator: null })
          })
          .catch(() => {}),
      )
    })
    const response = await page.goto(o.url, { waitUntil: 'load', timeout: o.timeoutMs })
    result.status = response?.status() ?? null
    await page.waitForLoadState('networkidle', { timeout: o.settleMs }).catch(() => {})
    if (o.collectLinks) result.links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href)).catch(() => [])
    result.storage = await readStorage(page)
    await Promise.all(pending)
    result.jar = await o.context.cookies()
  } catch (error) {
    result.error = error instanceof Error ? error.message.split('\n')[0]! : String(error)
  } finally {
    result.writes = o.writesFor(page)
    await page.close().catch(() => {})
  }
  for (const r of requests) r.initiator = initiators.get(r.url) ?? null
  for (const s of setCookies) s.initiator = initiators.get(s.url) ?? null
  result.ms = Date.now() - started
  return result
}

/** localStorage, sessionStorage and IndexedDB names of the page's own origin. */
async function readStorage(page: Page): Promise<RawVisit['storage']> {
  return page
    .evaluate(async () => {
      const origin = location.origin
      const keys = (s: Storage | undefined) => {
        try {
          return s ? Object.keys(s) : []
        } catch {
          return []
        }
      }
      const dbs = await (indexedDB.databases?.() ?? Promise.resolve([])).catch(() => [])
      return [
        ...keys(localStorage).map((name) => ({ kind: 'local_storage' as const, name, origin })),
        ...keys(sessionStorage).map((name) => ({ kind: 'session_storage' as const, name, origin })),
        ...dbs.flatMap((d) => (d.name ? [{ kind: 'indexed_db' as const, name: d.name, origin }] : [])),
      ]
    })
    .catch(() => [])
}
