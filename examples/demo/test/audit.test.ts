import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, ElementHandle, Frame, Page } from 'playwright-core'
import { installAutoconsent } from '../../../packages/banner/test/support/autoconsent'
import { launchChromium } from '../../../packages/banner/test/support/chromium'
import { layoutShifts, recordLayoutShifts } from '../../../packages/banner/test/support/layout-shifts'
import { startDemo, type RunningDemo } from './start-demo'

// What independent auditors run against the demo, redone here so it keeps passing: axe-core on every page
// in every banner state, DuckDuckGo's autoconsent (heuristic mode, no rules) and a generic "reject everything"
// bot, a cookie scan before any choice, and WCAG 2.4.11 (a bottom bar must not hide the element that has keyboard
// focus). The bots use only what such tools use: the light DOM, cookies and the network; no shadow root is pierced.

// Injected through the DevTools protocol, so a page's CSP (the API docs: default-src 'none') does not block it.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('../../../packages/banner/node_modules/axe-core/axe.min.js'), 'utf8')

let demo: RunningDemo
let browser: Browser

beforeAll(async () => {
  demo = await startDemo()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

interface DemoPage {
  path: string
  /** Opt-in rules (no location: the strictest): nothing but the consent cookie may exist before a choice. */
  optIn: boolean
  /** The banner offers "Do Not Sell or Share" (US). */
  dns?: boolean
  /** The banner lives in a frame of this page (the inspector). */
  framed?: boolean
  /** A page of the demo's second site (the Canadian B2B starter): its next navigation stays on that site. */
  ownSite?: boolean
}

const PAGES: DemoPage[] = [
  { path: '/site/', optIn: true },
  { path: '/site/?country=DE', optIn: true },
  { path: '/site/?country=US&region=CA', optIn: false, dns: true },
  { path: '/site/?country=US&region=CA&gpc=1', optIn: false, dns: true },
  { path: '/site/spa/', optIn: true },
  { path: '/site/spa/#/support', optIn: true },
  { path: '/site/spa/#/privacy', optIn: true },
  { path: '/site/privacy.html', optIn: true },
  { path: '/site/ca-b2b/privacy.html?country=CA&region=QC', optIn: true, ownSite: true },
  { path: '/site/inspector.html', optIn: true, framed: true },
]

/** Before a choice, under opt-in rules, only these may be stored (EU-01/EU-02). */
// The second demo site (ca-b2b) names its consent cookie apart: two sites share the demo's origin.
const ALLOWED_COOKIES = ['consentry', 'northwind_consent']
const ALLOWED_STORAGE = ['local:demo_reading_list']
const TRACKER_REQUEST = /\/demo\/collect|\/site\/tags\/demo-|\/site\/video-player\.html/

interface Visitor {
  context: BrowserContext
  page: Page
  requests: string[]
  errors: string[]
}

async function open(path: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Visitor> {
  const context = await browser.newContext({ viewport, colorScheme })
  const page = await context.newPage()
  const requests: string[] = []
  const errors: string[] = []
  context.on('request', (r) => requests.push(r.url().replace(demo.origin, '')))
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`)
  })
  await page.goto(demo.origin + path, { waitUntil: 'networkidle' })
  await banner(page).waitFor({ state: 'attached' })
  await settle(page)
  return { context, page, requests, errors }
}

/** The banner host: in the page itself, or in the inspector's framed demo page. */
function banner(page: Page) {
  return page.url().includes('/inspector.html') ? page.frameLocator('iframe#page').locator('consentry-banner') : page.locator('consentry-banner')
}

/**
 * Lighthouse's text-compression rule: lists the text responses (documents, scripts, stylesheets, fetches) over
 * 1.4 KB that arrived without a content coding, once the page has loaded.
 */
function watchCompression(context: BrowserContext): () => Promise<{ loaded: number; plain: string[] }> {
  const responses: Promise<string | null>[] = []
  context.on('response', (r) => {
    if (!['document', 'script', 'stylesheet', 'fetch', 'xhr'].includes(r.request().resourceType()) || r.status() !== 200) return
    // The body as decoded by the browser: its size is what an uncompressed response would have cost.
    const plainSize = r.body().then(
      (b) => b.length,
      () => 0,
    )
    responses.push(
      plainSize.then((size) => (size > 1400 && !r.headers()['content-encoding'] ? `${r.url().replace(demo.origin, '')} ${size} bytes uncompressed` : null)),
    )
  })
  return async () => {
    const loaded = await Promise.all(responses)
    return { loaded: loaded.length, plain: loaded.filter((x): x is string => !!x) }
  }
}

/** Let the banner's fade-ins finish (the first layer's in the page, the dialogs' in their shadow root). */
async function settle(page: Page) {
  for (const frame of page.frames()) {
    await frame
      .evaluate(() =>
        Promise.all([...document.getAnimations(), ...(document.querySelector('consentry-banner')?.shadowRoot?.getAnimations() ?? [])].map((a) => a.finished)),
      )
      .catch(() => undefined)
  }
}

interface Violation {
  id: string
  targets: string[]
}

/** axe-core with its default rule set (WCAG 2.0–2.2 A/AA and best practices), shadow roots and frames included. */
async function axe(page: Page, only?: string[]): Promise<Violation[]> {
  await settle(page)
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => 'axe' in window).catch(() => true))) await frame.evaluate(AXE_SOURCE)
  }
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } })
      .axe
    const options = tags ? { runOnly: { type: 'tag', values: tags } } : {}
    const result = await axe.run(document, options)
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }))
  }, only)
}

/** Everything the browser stores for the demo origin: cookies, and local/session storage keys of every frame. */
async function stored(v: Visitor): Promise<string[]> {
  const found = new Set((await v.context.cookies()).map((c) => `cookie:${c.name}`))
  for (const frame of v.page.frames()) {
    const keys = await frame
      .evaluate(() => [...Object.keys(localStorage).map((k) => `local:${k}`), ...Object.keys(sessionStorage).map((k) => `session:${k}`)])
      .catch(() => [] as string[])
    for (const k of keys) found.add(k)
  }
  return [...found].sort()
}

const nonEssential = (items: string[]) => items.filter((i) => !(i.startsWith('cookie:') ? ALLOWED_COOKIES.includes(i.slice(7)) : ALLOWED_STORAGE.includes(i)))

const REJECT_WORDS = /\b(reject|decline|deny|refuse)\b|only (strictly )?(necessary|essential)|(necessary|essential) only/i

/**
 * The reject-all bot, written without knowledge of Consentry and with only what a crawler or an extension
 * sees: in every frame, the light DOM's visible button-like elements (no shadow root is entered) whose text
 * says reject/decline/deny/refuse or "only necessary", preferring one that says "all".
 */
async function findRejectControl(page: Page): Promise<{ frame: Frame; control: ElementHandle<Element>; text: string } | null> {
  for (const frame of page.frames()) {
    const handle = await frame
      .evaluateHandle((source) => {
        const words = new RegExp(source, 'i')
        const hits: { el: Element; all: boolean }[] = []
        for (const el of document.querySelectorAll('button, [role=button], a[href], input[type=button], input[type=submit]')) {
          const text = ((el as HTMLElement).innerText || (el as HTMLInputElement).value || el.getAttribute('aria-label') || '').trim()
          if (!words.test(text)) continue
          const box = el.getBoundingClientRect()
          const style = getComputedStyle(el)
          if (box.width < 1 || box.height < 1 || style.visibility !== 'visible' || Number(style.opacity) === 0) continue
          hits.push({ el, all: /\ball\b|everything/i.test(text) })
        }
        hits.sort((a, b) => Number(b.all) - Number(a.all))
        return hits[0]?.el ?? null
      }, REJECT_WORDS.source)
      .catch(() => null)
    const control = handle?.asElement()
    if (control) return { frame, control, text: (await control.innerText()).trim() }
  }
  return null
}

const demoPage = (p: DemoPage) => p.path

describe('independent audits of the demo', () => {
  describe.each(PAGES.map((p) => [demoPage(p), p] as const))('%s', (_name, target) => {
    it('axe: no violations with the first layer open, in each dialog, and after a decision (light and dark)', async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const v = await open(target.path, undefined, scheme)
        const at = (state: string, list: Violation[]) => list.map((x) => `${scheme} ${state}: ${x.id} ${x.targets.join(' ')}`)
        const found: string[] = []
        await expect.poll(() => findRejectControl(v.page).then(Boolean)).toBe(true)
        found.push(...at('first layer', await axe(v.page)))
        if (!target.framed) {
          await v.page.locator('consentry-banner').getByRole('button', { name: 'Customize' }).click()
          await expect.poll(() => v.page.getByRole('dialog', { name: 'Privacy preferences' }).isVisible()).toBe(true)
          found.push(...at('preferences', await axe(v.page)))
          await v.page.keyboard.press('Escape')
          await expect.poll(() => v.page.getByRole('dialog').count()).toBe(0)
          if (target.dns) {
            await v.page.locator('consentry-banner').getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }).click()
            await expect.poll(() => v.page.getByRole('dialog', { name: 'Do Not Sell or Share My Personal Information' }).isVisible()).toBe(true)
            found.push(...at('do-not-sell', await axe(v.page)))
            await v.page.keyboard.press('Escape')
            await expect.poll(() => v.page.getByRole('dialog').count()).toBe(0)
          }
        }
        const reject = await findRejectControl(v.page)
        await reject!.control.click()
        await expect.poll(() => findRejectControl(v.page)).toBeNull()
        // A withdrawal may reload the page (scripts that ran cannot be un-run): audit the page once it is whole again.
        await v.page.waitForFunction(() => document.readyState === 'complete' && document.querySelector('h1') !== null)
        found.push(...at('after a decision', await axe(v.page)))
        expect(v.errors).toEqual([])
        expect(found).toEqual([])
        await v.context.close()
      }
    })

    it('reject-all bot: after its click nothing non-essential is stored or sent, then or on the next two navigations', async () => {
      const v = await open(target.path)
      const before = v.requests.length
      const found = await findRejectControl(v.page)
      expect(found?.text).toMatch(REJECT_WORDS)
      await found!.control.click()
      await v.page.waitForTimeout(500)
      const leftovers = [...nonEssential(await stored(v))]
      // Two further navigations: another page of the site, then back.
      for (const next of [target.ownSite ? target.path : '/site/privacy.html', target.path]) {
        await v.page.goto(demo.origin + next, { waitUntil: 'networkidle' })
        await banner(v.page).waitFor({ state: 'attached' })
        await v.page.waitForTimeout(300)
        leftovers.push(...nonEssential(await stored(v)).map((i) => `${next} ${i}`))
        expect(await findRejectControl(v.page), `asked again on ${next}`).toBeNull()
      }
      expect(leftovers).toEqual([])
      expect(v.requests.slice(before).filter((u) => TRACKER_REQUEST.test(u))).toEqual([])
      expect((await v.context.cookies()).map((c) => c.name)).toContain(target.ownSite ? 'northwind_consent' : 'consentry')
      await v.context.close()
    })

    it('text compression, as Lighthouse checks it: every text response over 1.4 KB the page loads arrives compressed', async () => {
      const context = await browser.newContext()
      const uncompressed = watchCompression(context)
      const page = await context.newPage()
      await page.goto(demo.origin + target.path, { waitUntil: 'networkidle' })
      await banner(page).waitFor({ state: 'attached' })
      const { loaded, plain } = await uncompressed()
      expect(loaded).toBeGreaterThan(2)
      expect(plain).toEqual([])
      await context.close()
    })
  })

  // Autoconsent's heuristics run in the top frame only: the framed inspector is left out. Opt-in pages only: under
  // California's opt-out rules the demo's tags have already set their cookies before any choice (the reject-all bot
  // above covers what a refusal leaves there).
  describe.each(PAGES.filter((p) => p.optIn && !p.framed).map((p) => [demoPage(p), p] as const))('%s', (_name, target) => {
    it("DuckDuckGo's autoconsent (heuristic mode, no rules) finds the banner and opts out; afterwards only essential items are stored", async () => {
      const context = await browser.newContext()
      const messages = await installAutoconsent(context)
      const page = await context.newPage()
      const requests: string[] = []
      context.on('request', (r) => requests.push(r.url().replace(demo.origin, '')))
      await page.goto(demo.origin + target.path, { waitUntil: 'networkidle' })
      await expect.poll(() => messages.find((m) => m.type === 'autoconsentDone'), { timeout: 20_000 }).toBeTruthy()
      expect(messages.find((m) => m.type === 'popupFound')?.cmp).toMatch(/^HEURISTIC/)
      expect(messages.find((m) => m.type === 'optOutResult')?.result).toBe(true)
      const before = requests.length
      await page.waitForTimeout(500)
      const cookies = (await context.cookies()).map((c) => c.name)
      expect(cookies).toEqual([target.ownSite ? 'northwind_consent' : 'consentry'])
      expect(nonEssential(await stored({ context, page, requests, errors: [] }))).toEqual([])
      expect(requests.slice(before).filter((u) => TRACKER_REQUEST.test(u))).toEqual([])
      await context.close()
    })
  })

  // Opt-in pages only: under California's opt-out rules the tags may run before a choice.
  describe.each(PAGES.filter((p) => p.optIn).map((p) => [demoPage(p), p] as const))('%s', (_name, target) => {
    it('cookie scan: before any choice only essential items exist and no tracker is requested (EU-01)', async () => {
      const v = await open(target.path)
      await v.page.waitForTimeout(1000)
      expect(nonEssential(await stored(v))).toEqual([])
      expect(v.requests.filter((u) => TRACKER_REQUEST.test(u))).toEqual([])
      expect(v.requests.filter((u) => !u.startsWith('/'))).toEqual([]) // nothing leaves the site
      await v.context.close()
    })
  })

  it('axe on the API docs page (WCAG A/AA)', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${demo.origin}/docs`)
    // Best-practice rules (landmarks) on /docs belong to @consentry/api and are reported there.
    expect(await axe(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])).toEqual([])
    await context.close()
  })

  it('text compression on the console, as Lighthouse checks it: its page, script and stylesheet arrive compressed', async () => {
    const context = await browser.newContext()
    const uncompressed = watchCompression(context)
    const page = await context.newPage()
    await page.goto(`${demo.origin}/admin/`, { waitUntil: 'networkidle' })
    const { loaded, plain } = await uncompressed()
    expect(loaded).toBeGreaterThanOrEqual(2)
    expect(plain).toEqual([])
    await context.close()
  })

  // Layout shifts as Lighthouse and the Chrome UX Report count them (the Layout Instability API), on a phone (a
  // mobile viewport: content wider than the screen makes it zoom the page out) and on a desktop.
  describe.each([
    ['a phone', { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
    ['a desktop', { viewport: { width: 1280, height: 800 } }],
  ])('no layout shift while the page and its banner load, on %s', (_, device) => {
    it.each(PAGES.filter((p) => !p.framed).map((p) => p.path))('%s', async (path) => {
      const context = await browser.newContext(device)
      const page = await context.newPage()
      await recordLayoutShifts(page)
      await page.goto(demo.origin + path, { waitUntil: 'networkidle' })
      await expect.poll(() => findRejectControl(page).then(Boolean)).toBe(true)
      await settle(page)
      // A phone widens its layout viewport past the screen for content that overflows: the page is zoomed out.
      expect(await page.evaluate(() => innerWidth - document.documentElement.clientWidth), 'zoomed out').toBeLessThanOrEqual(0)
      expect(await layoutShifts(page)).toEqual([])
      await context.close()
    })
  })

  describe.each([
    [1280, 800],
    [320, 640],
  ])('WCAG 2.4.11 at %ix%i: with the bottom bar open, no focused element of the page is hidden behind it', (width, height) => {
    it.each(['/site/', '/site/?country=US&region=CA&gpc=1', '/site/spa/#/support', '/site/privacy.html'])('%s', async (path) => {
      const v = await open(path, { width, height })
      await expect.poll(() => findRejectControl(v.page).then(Boolean)).toBe(true)
      const seen = new Set<string>()
      const hidden: string[] = []
      for (let i = 0; i < 40; i++) {
        await v.page.keyboard.press('Tab')
        const focus = await v.page.evaluate(() => {
          let el = document.activeElement
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
          if (!el || el === document.body || el.tagName === 'IFRAME') return null
          const inBanner = el.getRootNode() !== document || !!el.closest('consentry-banner')
          const r = el.getBoundingClientRect()
          const points = [
            [r.left + 1, r.top + 1],
            [r.right - 1, r.top + 1],
            [r.left + 1, r.bottom - 1],
            [r.right - 1, r.bottom - 1],
            [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
          ] as const
          // Fully obscured: every probe point is off screen or under the banner.
          const covered = points.every(
            ([x, y]) => x < 0 || y < 0 || x >= innerWidth || y >= innerHeight || !!document.elementFromPoint(x, y)?.closest('consentry-banner'),
          )
          return {
            name: `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 40)}`,
            hidden: !inBanner && covered,
            key: `${inBanner}:${el.tagName}:${(el.textContent ?? '').trim()}`,
          }
        })
        if (!focus) continue
        if (seen.has(focus.key)) break
        seen.add(focus.key)
        if (focus.hidden) hidden.push(focus.name)
      }
      expect(seen.size).toBeGreaterThan(5)
      expect(hidden).toEqual([])
      await v.context.close()
    })
  })
})
