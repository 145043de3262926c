import { describe, expect, it } from 'vitest'
import { siteConfigSchema, type SiteConfigInput } from './site-config'
import { formatIssues } from './format-issues'
import { siteConfigIssues } from './site-config'

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
    expect(config.jurisdiction).toEqual({ defaultRegime: 'opt_in', rules: {}, promptUnderOptOut: true })
    expect(config.dataPractices).toEqual({ sellsOrShares: true, usesSensitiveInformation: false })
    expect(config.controller.representatives).toEqual({})
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
    expect(paths).toEqual(expect.arrayContaining(['siteId', 'policy.revision', 'policy.url', 'services.0.privacyPolicyUrl', 'services.0.storage.0.lifetime']))
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

  it('accepts text overrides only for known keys and valid locales', () => {
    expect(badPaths({ ...minimal, texts: { de: { 'banner.title': 'Cookies' } } })).toEqual([])
    expect(badPaths({ ...minimal, texts: { de: { 'banner.nope': 'x' } } })).toEqual(['texts.de.banner.nope'])
    expect(badPaths({ ...minimal, texts: { 'not a locale': { 'banner.title': 'x' } } })).toHaveLength(1)
  })

  it('validates per-site regime rules: ISO country, optional region, a known regime', () => {
    expect(badPaths({ ...minimal, jurisdiction: { rules: { CA: 'opt_out', 'CA-QC': 'opt_in', 'US-CA': 'notice' } } })).toEqual([])
    expect(badPaths({ ...minimal, jurisdiction: { rules: { QQ: 'opt_in' } } })).toEqual(['jurisdiction.rules.QQ'])
    expect(badPaths({ ...minimal, jurisdiction: { rules: { ca: 'opt_in' } } })).toEqual(['jurisdiction.rules.ca'])
    expect(badPaths({ ...minimal, jurisdiction: { rules: { 'CA-QUEBEC': 'opt_in' } } })).toEqual(['jurisdiction.rules.CA-QUEBEC'])
    expect(badPaths({ ...minimal, jurisdiction: { rules: { BR: 'opt_maybe' } } })).toEqual(['jurisdiction.rules.BR'])
    const hostile = JSON.parse('{"__proto__": "opt_in", "constructor": "notice"}') as Record<string, string>
    expect(badPaths({ ...minimal, jurisdiction: { rules: hostile } })).toEqual(['jurisdiction.rules.constructor'])
    // zod never copies a `__proto__` key: it cannot reach the stored configuration.
    const parsed = siteConfigSchema.parse({ ...minimal, jurisdiction: { rules: JSON.parse('{"__proto__": "opt_in", "CA": "opt_out"}') } })
    expect(Object.keys(parsed.jurisdiction.rules)).toEqual(['CA'])
    expect(Object.getPrototypeOf(parsed.jurisdiction.rules)).toBe(Object.prototype)
  })

  it("names a refused rule's code in the key schema's own words, once per code", () => {
    const issues = (rules: Record<string, string>) => {
      const result = siteConfigSchema.safeParse({ ...minimal, jurisdiction: { rules } })
      return result.success ? [] : siteConfigIssues(result.error)
    }
    expect(issues({ UK: 'opt_in' })).toEqual([{ path: 'jurisdiction.rules.UK', message: 'must start with an ISO 3166-1 country code' }])
    expect(issues({ ca: 'opt_in' })).toEqual([
      { path: 'jurisdiction.rules.ca', message: 'must be a country (CA) or country-region (CA-QC) code in upper case' },
    ])
  })
})

describe('strict configuration', () => {
  const issues = (input: unknown) => {
    const result = siteConfigSchema.safeParse(input)
    return result.success ? [] : siteConfigIssues(result.error)
  }

  it('refuses an unknown key in every object, naming its path', () => {
    const service = { ...ga4, purpse: 'x', storage: [{ ...ga4.storage[0], lifetme: 1 }] }
    const paths = issues({
      ...minimal,
      extra: 1,
      controller: { name: 'X', emial: 'a', representatives: { eu: { name: 'R', adress: 'x' }, us: { name: 'Q' } } },
      policy: { ...minimal.policy, revison: 2 },
      services: [service],
      jurisdiction: { defaultRegim: 'opt_out' },
      dataPractices: { sells: false },
      consent: { lifetimeDay: 30 },
      appearance: { colour: '#000' },
      googleConsentMode: { enable: false },
    }).map((i) => i.path)
    expect(paths.sort()).toEqual(
      [
        'extra',
        'controller.emial',
        'controller.representatives.eu.adress',
        'controller.representatives.us',
        'policy.revison',
        'services.0.purpse',
        'services.0.storage.0.lifetme',
        'jurisdiction.defaultRegim',
        'dataPractices.sells',
        'consent.lifetimeDay',
        'appearance.colour',
        'googleConsentMode.enable',
      ].sort(),
    )
  })

  it('says which field was probably meant', () => {
    expect(issues({ ...minimal, apperance: { layout: 'box' } })).toEqual([
      { path: 'apperance', message: 'unknown field "apperance" (did you mean "appearance"?)' },
    ])
    expect(issues({ ...minimal, consent: { lifetimeDay: 30 } })[0]?.message).toContain('did you mean "lifetimeDays"?')
    expect(issues({ ...minimal, services: [{ ...ga4, privacyPolicyURL: 'https://x.example' }] })[0]?.message).toContain('did you mean "privacyPolicyUrl"?')
    expect(issues({ ...minimal, zebra: 1 })[0]?.message).toBe('unknown field "zebra"')
  })

  it('explains removed and misplaced fields', () => {
    expect(issues({ ...minimal, allowedOrigins: ['https://example.com'] })).toEqual([
      { path: 'allowedOrigins', message: expect.stringContaining('set it on the site record') },
    ])
    expect(issues({ ...minimal, doNotSell: false })[0]?.message).toContain('dataPractices.sellsOrShares')
  })
})

describe('links in texts', () => {
  it('accepts https links and refuses HTML, other schemes and credentials', () => {
    const texts = (t: string) => badPaths({ ...minimal, texts: { en: { 'banner.description': t } } })
    expect(texts('See [the opt-out add-on](https://tools.google.com/dlpage/gaoptout).')).toEqual([])
    for (const bad of [
      'Click <a href="https://x.example">here</a>',
      '[x](javascript:alert(1))',
      '[x](http://plain.example)',
      '[x](https://user:pw@evil.example)',
      '[x](//evil.example)',
      '[](https://x.example)',
      '[x](data:text/html,hi)',
    ]) {
      expect(texts(bad), bad).toEqual(['texts.en.banner.description'])
    }
    expect(badPaths({ ...minimal, controller: { name: 'X', contact: '[write](javascript:x)' } })).toEqual(['controller.contact'])
  })
})
