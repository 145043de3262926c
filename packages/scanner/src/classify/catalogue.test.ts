import { describe, expect, it } from 'vitest'
import data from '../../data/services.json' with { type: 'json' }
import { CATALOGUE } from './catalogue'
import { catalogueSchema } from './catalogue-schema'
import { createClassifier } from './classify'

// The services issue 19 names; each must be in the catalogue.
const NAMED = [
  'google-analytics',
  'google-tag-manager',
  'google-ads',
  'doubleclick',
  'meta-pixel',
  'microsoft-clarity',
  'microsoft-uet',
  'hotjar',
  'linkedin-insight',
  'tiktok-pixel',
  'pinterest-tag',
  'x-twitter',
  'snap-pixel',
  'reddit-pixel',
  'hubspot',
  'intercom',
  'drift',
  'zendesk',
  'salesforce-pardot',
  'marketo',
  'mailchimp',
  'segment',
  'mixpanel',
  'amplitude',
  'heap',
  'posthog',
  'matomo',
  'plausible',
  'stripe',
  'paypal',
  'shopify',
  'cloudflare',
  'akamai',
  'google-recaptcha',
  'hcaptcha',
  'youtube',
  'vimeo',
  'wistia',
  'vidyard',
  'calendly',
  'typeform',
  'optimizely',
  'vwo',
  'criteo',
  'taboola',
  'outbrain',
  'quantcast',
  'adroll',
  'bing',
  'yandex-metrica',
]

describe('service catalogue (data/services.json)', () => {
  it('matches its schema and lists at least 60 services, every one the issue names among them', () => {
    const parsed = catalogueSchema.parse(data)
    expect(parsed.services.length).toBeGreaterThanOrEqual(60)
    const ids = new Set(parsed.services.map((s) => s.id))
    expect(NAMED.filter((id) => !ids.has(id))).toEqual([])
  })

  it('refuses a duplicate id, an essential service without a justification and a service nothing can recognise', () => {
    const ga = data.services.find((s) => s.id === 'google-analytics')!
    const dup = catalogueSchema.safeParse({ ...data, services: [...data.services, ga] })
    expect(dup.error?.issues.map((i) => i.message)).toContain('duplicate service id "google-analytics"')
    const unjustified = catalogueSchema.safeParse({ ...data, services: [{ ...ga, id: 'x-essential', category: 'essential' }] })
    expect(unjustified.error?.issues[0]?.path).toEqual(['services', 0, 'justification'])
    const blind = catalogueSchema.safeParse({ ...data, services: [{ ...ga, id: 'blind', domains: [], storage: [] }] })
    expect(blind.error?.issues[0]?.path).toEqual(['services', 0, 'domains'])
  })

  it('no two services claim the same exact cookie name for the same domain', () => {
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const s of CATALOGUE.services)
      for (const i of s.storage) {
        const key = `${i.kind}:${i.match}:${i.name}@${i.domain ?? '*'}`
        if (seen.has(key) && seen.get(key) !== s.id) clashes.push(`${key} (${seen.get(key)}, ${s.id})`)
        seen.set(key, s.id)
      }
    expect(clashes).toEqual([])
  })

  const classify = createClassifier({ catalogue: CATALOGUE })
  it.each([
    ['_ga', undefined, 'google-analytics', 'analytics'],
    ['_ga_ABC123XYZ', undefined, 'google-analytics', 'analytics'],
    ['_fbp', undefined, 'meta-pixel', 'advertising'],
    ['IDE', '.doubleclick.net', 'doubleclick', 'advertising'],
    ['_hjSession_12345', undefined, 'hotjar', 'analytics'],
    ['__stripe_mid', undefined, 'stripe', 'essential'],
    ['_pk_id.1.1fff', undefined, 'matomo', 'analytics'],
  ])('knows the cookie %s as %s (%s)', (name, domain, serviceId, category) => {
    const known = classify.known({ kind: 'cookie', name, domain })
    expect(known?.serviceId).toBe(serviceId)
    expect(known?.category).toBe(category)
  })

  it('does not claim a generic name outside the domain it is limited to', () => {
    expect(classify.known({ kind: 'cookie', name: 'IDE', domain: 'shop.example' })).toBeNull()
    expect(classify.known({ kind: 'cookie', name: 'uid', domain: '.example.com' })).toBeNull()
  })

  it('recognises requests by host and by host plus path', () => {
    expect(classify.request('https://www.google-analytics.com/g/collect?v=2').known?.serviceId).toBe('google-analytics')
    expect(classify.request('https://www.google.com/recaptcha/api.js').known?.serviceId).toBe('google-recaptcha')
    expect(classify.request('https://www.google.com/search?q=x').category).toBeNull()
    expect(classify.request('https://evil-google-analytics.com/x').category).toBeNull()
  })
})
