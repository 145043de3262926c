import type { BrowserContext } from 'playwright-core'
import type { Declaration } from '../report/declaration'

/** What the page's Consentry reports about itself. */
export interface ConsentryProbe {
  siteId: string | null
  cookieName: string
  scriptOrigin: string | null
  config: Declaration
}

type ConsentryWindow = Window & {
  consentry?: {
    acceptAll?: () => void
    rejectAll?: () => void
    get?: () => { config: Record<string, unknown> & { siteId?: string; consent?: { cookieName?: string } }; consent: { decided?: boolean } }
  }
}

/** Whether the page runs Consentry (waits for its JavaScript API), and its configuration. Uses its own context. */
export async function probeConsentry(ctx: { context: BrowserContext }, url: string, timeoutMs: number): Promise<ConsentryProbe | null> {
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
export async function decide(
  context: BrowserContext,
  url: string,
  pass: 'reject' | 'accept',
  cookieName: string,
  timeoutMs: number,
  settleMs: number,
): Promise<void> {
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
