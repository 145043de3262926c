import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

// DuckDuckGo's autoconsent (the engine of DuckDuckGo's cookie pop-up protection), run the way its docs
// (docs/puppeteer.md) run it in an automated browser: its bundled content script injected before the page's own,
// messages bridged through an exposed function. Heuristic mode only: no named rule for any CMP, so it finds
// the banner as it would on a site it has never seen (light-DOM popups with cookie wording and a Reject button).

const require = createRequire(import.meta.url)
const CONTENT_SCRIPT = readFileSync(join(dirname(require.resolve('@duckduckgo/autoconsent')), 'autoconsent.playwright.js'), 'utf8')

const CONFIG = {
  enabled: true,
  autoAction: 'optOut',
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: false,
  detectRetries: 20,
  isMainWorld: false,
  prehideTimeout: 2000,
  enableHeuristicDetection: true,
  enablePopupMutationObserver: true,
  visualTest: false,
  performanceLoggingEnabled: false,
  heuristicPopupSearchTimeout: 500,
  // 'reject': act only on a pop-up with a Reject button, and click it.
  heuristicMode: 'reject',
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
}

/** Messages autoconsent sent from the page, in order (`popupFound`, `optOutResult`, `autoconsentDone`, …). */
export interface AutoconsentMessage {
  type: string
  cmp?: string
  result?: boolean
  [key: string]: unknown
}

/**
 * Installs autoconsent in every page of `context` (heuristic mode, no rules) and returns the messages it sends.
 * Call before the first navigation.
 */
export async function installAutoconsent(context: BrowserContext): Promise<AutoconsentMessage[]> {
  const messages: AutoconsentMessage[] = []
  await context.exposeBinding('autoconsentSendMessage', async ({ page }, message: AutoconsentMessage) => {
    if (!message || typeof message !== 'object') return
    messages.push(message)
    const reply = (answer: unknown) =>
      page
        .evaluate((m) => (window as unknown as { autoconsentReceiveMessage?: (m: unknown) => unknown }).autoconsentReceiveMessage?.(m), answer)
        .catch(() => undefined)
    if (message.type === 'init') await reply({ type: 'initResp', config: CONFIG, rules: { autoconsent: [] } })
    if (message.type === 'eval') await reply({ type: 'evalResp', id: message.id, result: await page.evaluate(String(message.code)).catch(() => false) })
  })
  await context.addInitScript(CONTENT_SCRIPT)
  return messages
}
