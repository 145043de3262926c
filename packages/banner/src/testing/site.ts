// Test helpers (not exported from the package): a site configuration and a started banner in happy-dom.
import type { SiteConfigInput } from '@consentry/shared'
import { init, type ConsentryHandle, type InitOptions } from '../init'

export const SITE: SiteConfigInput = {
  siteId: 'site_test0001',
  name: 'Example Shop',
  controller: { name: 'Example Shop Ltd' },
  policy: { revision: 1, url: 'https://shop.example/privacy' },
  services: [
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
      id: 'hotjar',
      name: 'Hotjar',
      provider: 'Hotjar Ltd',
      category: 'analytics',
      purpose: 'Heatmaps.',
      privacyPolicyUrl: 'https://www.hotjar.com/privacy',
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

/** Clears cookies, storage and the DOM between tests. */
export function cleanPage(): void {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
  localStorage.clear()
  document.body.innerHTML = ''
  document.documentElement.lang = 'en'
}

export interface Started {
  handle: ConsentryHandle
  root: ShadowRoot
  $: <T extends Element = HTMLElement>(selector: string) => T | null
  $$: <T extends Element = HTMLElement>(selector: string) => T[]
  /** Clicks and waits for Preact's re-render. */
  click: (selector: string) => Promise<void>
}

/** Lets Preact flush scheduled renders and effects. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Starts a banner from inline configuration and gives query helpers into its shadow root. */
export async function start(config: Partial<SiteConfigInput> = {}, options: InitOptions = {}): Promise<Started> {
  const handle = await init({ config: { ...SITE, ...config }, ...options })
  const host = document.querySelector('consentry-banner')!
  const root = host.shadowRoot!
  // The first layer is the host's light-DOM child; the corner and the dialogs are in its shadow root.
  const $ = <T extends Element>(s: string) => host.querySelector<T>(s) ?? root.querySelector<T>(s)
  const $$ = <T extends Element>(s: string) => [...host.querySelectorAll<T>(s), ...root.querySelectorAll<T>(s)]
  const click = async (s: string) => {
    const el = $<HTMLElement>(s)
    if (!el) throw new Error(`nothing matches ${s}`)
    el.click()
    await settle()
  }
  return { handle, root, $, $$, click }
}

export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, composed: true, cancelable: true, ...init }))
}
