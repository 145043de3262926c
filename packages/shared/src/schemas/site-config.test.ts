import { describe, expect, it } from 'vitest'
import { siteConfigSchema, type SiteConfigInput } from './site-config'
import { formatIssues } from './format-issues'

const minimal: SiteConfigInput = {
  siteId: 'site_demo1234',
  name: 'Demo',
  controller: { name: 'Demo GmbH' },
  policy: { revision: 1, url: 'https://example.com/privacy' },
}

const ga4 = {
  id: 'ga4',
  name: 'Google Analytics 4',
  provider: 'Google Ireland Ltd.',
  category: 'analytics' as const,
  purpose: 'Measures visits',
  privacyPolicyUrl: 'https://policies.google.com/privacy',
  storage: [{ name: '_ga', lifetime: 63_072_000, description: 'Distinguishes visitors', party: 'first' as const }],
}

/** The dotted paths of the fields a config is rejected for. */
function badPaths(input: unknown): string[] {
  const result = siteConfigSchema.safeParse(input)
  if (result.success) return []
  return formatIssues(result.error).map((issue) => issue.path)
}

describe('siteConfigSchema', () => {
  it('accepts a minimal configuration and fills in every default', () => {
    const config = siteConfigSchema.parse(minimal)
    expect(config.categories).toEqual(['functional', 'analytics', 'advertising'])
    expect(config.consent).toEqual({ lifetimeDays: 365, perServiceChoice: true, cookieName: 'consentry', serverCookie: false })
    expect(config.jurisdiction).toEqual({ defaultRegime: 'opt_in', promptUnderOptOut: true })
    expect(config.appearance.layout).toBe('bar')
    expect(config.googleConsentMode).toEqual({ enabled: true, waitForUpdateMs: 500, adsDataRedaction: true, urlPassthrough: false })
    expect(config.services).toEqual([])
    expect(config.defaultLocale).toBe('en')
  })

  it('fills in storage defaults for a declared cookie', () => {
    const config = siteConfigSchema.parse({ ...minimal, services: [ga4] })
    expect(config.services[0]?.storage[0]).toMatchObject({ match: 'exact', kind: 'cookie', httpOnly: false })
  })

  it('names the path of each bad field', () => {
    const paths = badPaths({
      ...minimal,
      siteId: 'demo',
      policy: { revision: 0, url: 'javascript:alert(1)' },
      services: [{ ...ga4, privacyPolicyUrl: 'not a url', storage: [{ ...ga4.storage[0], lifetime: -1 }] }],
    })
    expect(paths).toEqual(
      expect.arrayContaining(['siteId', 'policy.revision', 'policy.url', 'services.0.privacyPolicyUrl', 'services.0.storage.0.lifetime']),
    )
  })

  it('refuses a policy revision a consent record could not carry (over 2^31 − 1)', () => {
    expect(badPaths({ ...minimal, policy: { ...minimal.policy, revision: 2 ** 31 } })).toEqual(['policy.revision'])
    expect(badPaths({ ...minimal, policy: { ...minimal.policy, revision: 2 ** 31 - 1 } })).toEqual([])
  })

  it('names missing required fields', () => {
    expect(badPaths({})).toEqual(expect.arrayContaining(['siteId', 'name', 'controller', 'policy']))
  })

  it('rejects duplicate service ids', () => {
    expect(badPaths({ ...minimal, services: [ga4, ga4] })).toEqual(['services.1.id'])
  })

  it('rejects a service in a category the site does not use', () => {
    expect(badPaths({ ...minimal, categories: ['functional'], services: [ga4] })).toEqual(['services.0.category'])
  })

  it('EU-02: an essential service must say why it is strictly necessary', () => {
    const session = { ...ga4, id: 'session', category: 'essential' as const }
    expect(badPaths({ ...minimal, services: [session] })).toEqual(['services.0.justification'])
    expect(badPaths({ ...minimal, services: [{ ...session, justification: 'Keeps the basket' }] })).toEqual([])
  })

  it('EU-15: caps the consent lifetime at 13 months', () => {
    expect(badPaths({ ...minimal, consent: { lifetimeDays: 396 } })).toEqual(['consent.lifetimeDays'])
    expect(badPaths({ ...minimal, consent: { lifetimeDays: 395 } })).toEqual([])
  })

  it('keeps stylesheet injection out of colours and fonts', () => {
    expect(badPaths({ ...minimal, appearance: { accentColor: 'red;}body{display:none' } })).toEqual(['appearance.accentColor'])
    expect(badPaths({ ...minimal, appearance: { font: 'x;}*{display:none}' } })).toEqual(['appearance.font'])
    expect(badPaths({ ...minimal, appearance: { accentColor: '#0a0', font: "'Inter', sans-serif" } })).toEqual([])
  })

  it('accepts only exact origins for CORS', () => {
    expect(badPaths({ ...minimal, allowedOrigins: ['https://example.com/', 'example.com', 'https://*.example.com'] })).toEqual([
      'allowedOrigins.0',
      'allowedOrigins.1',
      'allowedOrigins.2',
    ])
    expect(badPaths({ ...minimal, allowedOrigins: ['https://www.example.com', 'http://127.0.0.1:8787'] })).toEqual([])
  })

  it('accepts text overrides only for known keys and valid locales', () => {
    expect(badPaths({ ...minimal, texts: { de: { 'banner.title': 'Cookies' } } })).toEqual([])
    expect(badPaths({ ...minimal, texts: { de: { 'banner.nope': 'x' } } })).toEqual(['texts.de.banner.nope'])
    expect(badPaths({ ...minimal, texts: { 'not a locale': { 'banner.title': 'x' } } })).toHaveLength(1)
  })
})
