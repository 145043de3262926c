import type { SiteConfigInput } from '@consentry/shared/schemas'

const SERVICE_BASE = { provider: 'Example Shop Ltd', privacyPolicyUrl: 'https://shop.example/privacy' }

/** A configuration for the test site: the services given, inline in the page. */
export function siteConfig(services: SiteConfigInput['services']): SiteConfigInput {
  return {
    siteId: 'site_scan0001',
    name: 'Scan test shop',
    controller: { name: 'Example Shop Ltd' },
    policy: { revision: 1, url: 'https://shop.example/privacy' },
    services,
  }
}

/** Google Analytics as a careful owner declares it. */
export const DECLARED_ANALYTICS = {
  ...SERVICE_BASE,
  id: 'site-analytics',
  name: 'Site analytics',
  category: 'analytics' as const,
  purpose: 'Counts visits.',
  storage: [
    { name: '_ga', lifetime: 63_072_000, description: 'Distinguishes visitors', party: 'first' as const },
    { name: '_gid', lifetime: 86_400, description: 'Distinguishes visitors for a day', party: 'first' as const },
  ],
}

/** An owner who calls analytics cookies essential. */
export const ESSENTIAL_ANALYTICS = {
  ...SERVICE_BASE,
  id: 'site-core',
  name: 'Site core',
  category: 'essential' as const,
  purpose: 'Makes the site work.',
  justification: 'Needed for the shop.',
  storage: [{ name: '_ga', lifetime: 63_072_000, description: 'Core cookie', party: 'first' as const }],
}

/** A page with the real banner (inline configuration) and whatever `body` adds: tags, links. */
export function bannerPage(config: SiteConfigInput, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="application/json" data-consentry-config>${JSON.stringify(config)}</script>
<script src="/consentry.js"></script></head>
<body><main><h1>Shop</h1>${body}</main></body></html>`
}

/** A gated tag: inert until its category is granted. */
export const gated = (category: string, src: string) => `<script type="text/plain" data-consentry="${category}" data-src="${src}"></script>`
