import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { SiteConfigInput } from '@consentry/shared'

const require = createRequire(import.meta.url)
export const AXE_PATH = require.resolve('axe-core/axe.min.js')
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** A site configuration with all four categories, services and cookies: the default embed under test. */
export const SITE: SiteConfigInput = {
  siteId: 'site_e2e00001',
  name: 'Example Shop',
  controller: { name: 'Example Shop Ltd' },
  policy: { revision: 1, url: 'https://shop.example/privacy' },
  services: [
    {
      id: 'prefs',
      name: 'Language memory',
      provider: 'Example Shop Ltd',
      category: 'functional',
      purpose: 'Remembers your language.',
      privacyPolicyUrl: 'https://shop.example/privacy',
      storage: [{ name: 'lang', lifetime: 31_536_000, description: 'Chosen language', party: 'first' }],
    },
    {
      id: 'ga4',
      name: 'Google Analytics',
      provider: 'Google Ireland Ltd',
      category: 'analytics',
      purpose: 'Measures visits.',
      privacyPolicyUrl: 'https://policies.google.com/privacy',
      storage: [{ name: '_ga', lifetime: 34_164_000, description: 'Distinguishes visitors', party: 'first' }],
    },
    {
      id: 'meta-pixel',
      name: 'Meta Pixel',
      provider: 'Meta Platforms Ireland',
      category: 'advertising',
      purpose: 'Ads.',
      privacyPolicyUrl: 'https://www.facebook.com/privacy',
      storage: [{ name: '_fbp', lifetime: 7_776_000, description: 'Ad delivery', party: 'third' }],
    },
  ],
}

export interface PageOptions {
  config?: Partial<SiteConfigInput>
  /** Extra attributes on the script tag (`data-api`, `data-country`, …). */
  attrs?: Record<string, string>
  lang?: string
  body?: string
}

/** A host page with its own (hostile) CSS, inline configuration and the banner's script tag. */
export function sitePage(options: PageOptions = {}): string {
  const config = JSON.stringify({ ...SITE, ...options.config })
  const attrs = Object.entries(options.attrs ?? {})
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('')
  return `<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop</title><style>button{background:red!important;font-size:40px!important}*{color:lime}</style></head>
<body><main><h1>Shop</h1><p>Welcome.</p><a href="#top">Top</a></main>
<footer><a href="#" data-consentry-open>Cookie settings</a> <a href="#" data-consentry-dns>Do Not Sell or Share My Personal Information</a></footer>
${options.body ?? ''}
<script type="application/json" data-consentry-config>${config}</script>
<script src="/consentry.js"${attrs}></script></body></html>`
}

/** Runs axe-core (WCAG 2.0–2.2 A/AA) on the page, shadow roots included; returns the violations. */
export async function axe(page: Page): Promise<{ id: string; nodes: unknown[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  // Judge the settled state: let fade-ins finish (mid-animation colours are not what a visitor reads).
  await page.evaluate(() => Promise.all((document.querySelector('consentry-banner')?.shadowRoot?.getAnimations() ?? []).map((a) => a.finished)))
  return page.evaluate(async (tags) => {
    const result = await (
      window as unknown as {
        axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown; failureSummary: string }[] }[] }> }
      }
    ).axe.run({ include: [['consentry-banner']] }, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) }))
  }, WCAG_TAGS)
}

/** A locator inside the banner's shadow root (Playwright CSS pierces open shadow roots). */
export const inBanner = (page: Page, selector: string) => page.locator(`consentry-banner ${selector}`)

export async function consentCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === 'consentry')?.value
}
