import type { SiteConfigInput } from '@consentry/shared'

/** A small valid configuration for a site: the tests' and the API bench's (bundled through bench-seed.ts), so neither drifts from the schema. */
export function sampleConfig(siteId: string, overrides: Partial<SiteConfigInput> = {}): SiteConfigInput {
  return {
    siteId,
    name: 'Example shop',
    controller: { name: 'Example GmbH', contact: 'privacy@example.com' },
    policy: { revision: 1, url: 'https://shop.example/privacy' },
    services: [
      {
        id: 'ga4',
        name: 'Google Analytics',
        provider: 'Google',
        category: 'analytics',
        purpose: 'Measure visits',
        privacyPolicyUrl: 'https://policies.google.com/privacy',
        storage: [],
      },
      { id: 'ads', name: 'Ads', provider: 'AdCo', category: 'advertising', purpose: 'Ads', privacyPolicyUrl: 'https://adco.example/privacy', storage: [] },
    ],
    ...overrides,
  }
}
