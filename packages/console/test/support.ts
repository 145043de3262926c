// What the console's browser tests share: axe-core on the console's own document, and waiting for a screen to settle.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's default rules (WCAG 2.0–2.2 A/AA and best practices) on the console's own document. */
export async function axe(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE)
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } })
      .axe
    // The preview frame holds the banner, audited by the banner's and the demo's own axe tests.
    const result = await axe.run({ exclude: [['iframe']] }, { iframes: false })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)
  })
}

/** The screen has its heading and nothing left loading. */
export async function settled(p: Page): Promise<void> {
  await p.locator('main h1').first().waitFor()
  await p.waitForFunction(() => !/Loading|Checking/.test(document.querySelector('main')?.textContent ?? ''))
}
