import type { Page } from 'playwright-core'

/** One layout shift: its score and what moved (an element's id, else its tag name). */
export interface Shift {
  value: number
  sources: string[]
}

/**
 * Records the page's layout shifts from its first frame, as Lighthouse and the Chrome UX Report read them (the
 * Layout Instability API). Call before navigating; read them with `layoutShifts`.
 */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: { value: number; sources: string[] }[] = ((window as unknown as { __shifts: unknown }).__shifts = [])
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node | null }[] })[])
        shifts.push({ value: entry.value, sources: entry.sources.map((s) => (s.node as Element | null)?.id || s.node?.nodeName || '?') })
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/** The shifts recorded so far in the page's main frame. */
export function layoutShifts(page: Page): Promise<Shift[]> {
  return page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts)
}
