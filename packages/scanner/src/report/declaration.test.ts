import { describe, expect, it } from 'vitest'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { CATALOGUE } from '../classify/catalogue'
import { createClassifier } from '../classify/classify'
import type { OcdEntry } from '../classify/open-cookie-database'
import { parseDeclaration, proposeDeclaration } from './declaration'
import type { ObservedCookie } from './result-schema'

const OWNER = {
  siteId: 'site_decl0001',
  name: 'Shop',
  controller: { name: 'Shop Ltd' },
  policy: { revision: 3, url: 'https://shop.example/privacy' },
  categories: ['functional', 'analytics'],
  services: [
    {
      id: 'google-analytics',
      name: 'Our analytics',
      provider: 'Google',
      category: 'analytics',
      purpose: 'Our own words.',
      privacyPolicyUrl: 'https://shop.example/ga',
      storage: [{ name: '_ga', lifetime: 100, description: 'Ours', party: 'first' }],
    },
  ],
}

const OCD: OcdEntry[] = [
  {
    id: 'a',
    platform: 'Sample CDN',
    category: 'essential',
    sourceCategory: 'Security',
    name: 'scdn_bot',
    match: 'exact',
    description: 'Bot check',
    lifetime: 1800,
    controller: 'Sample CDN Inc',
    privacyPolicyUrl: 'https://cdn.example/privacy',
  },
  {
    id: 'b',
    platform: 'No Policy Co',
    category: 'analytics',
    sourceCategory: 'Analytics',
    name: 'npc_id',
    match: 'exact',
    description: '',
    lifetime: null,
    controller: '',
    privacyPolicyUrl: null,
  },
]

function observe(declaration: ReturnType<typeof parseDeclaration>, names: string[]): ObservedCookie[] {
  const classifier = createClassifier({ catalogue: CATALOGUE, ocd: OCD, declared: declaration.services as never })
  return names.map((name) => ({
    name,
    domain: 'shop.example',
    path: '/',
    expires: null,
    httpOnly: false,
    secure: false,
    sameSite: 'Lax',
    party: 'first',
    passes: ['accept'],
    firstSeenOn: 'https://shop.example/',
    setBy: [],
    classification: classifier.storage({ kind: 'cookie', name, domain: 'shop.example' }),
  }))
}

describe('proposeDeclaration', () => {
  const declaration = parseDeclaration(OWNER)
  const cookies = observe(declaration, ['_ga', '_gid', '_fbp', 'scdn_bot', 'npc_id', 'zz_unknown'])
  const proposed = proposeDeclaration({ declaration, cookies, storage: [], catalogue: CATALOGUE, now: 0 })
  const services = proposed.config.services as {
    id: string
    name: string
    purpose: string
    category: string
    storage: { name: string }[]
    justification?: string
  }[]

  it('keeps the owner’s services and words, adding seen items to the service of the same id', () => {
    const ga = services.find((s) => s.id === 'google-analytics')!
    expect(ga).toMatchObject({ name: 'Our analytics', purpose: 'Our own words.' })
    expect(ga.storage.map((i) => i.name)).toEqual(['_ga', '_gid'])
    expect(proposed.config.policy).toEqual(OWNER.policy)
  })

  it('creates services from the catalogue and from the Open Cookie Database, enabling their categories', () => {
    expect(services.find((s) => s.id === 'meta-pixel')).toMatchObject({ category: 'advertising', storage: [{ name: '_fbp' }] })
    expect(services.find((s) => s.id === 'sample-cdn')).toMatchObject({
      category: 'essential',
      justification: expect.stringContaining('confirm it is strictly necessary'),
    })
    expect(proposed.config.categories).toEqual(['functional', 'analytics', 'advertising'])
    expect(proposed.added.map((a) => `${a.serviceId}:${a.item}:${a.source}`)).toEqual([
      'google-analytics:_gid:catalogue',
      'meta-pixel:_fbp:catalogue',
      'sample-cdn:scdn_bot:open_cookie_database',
    ])
  })

  it('leaves unknown items, and known ones without a privacy policy, to the owner instead of guessing', () => {
    expect(proposed.unclassified.map((u) => u.name)).toEqual(['npc_id', 'zz_unknown'])
  })

  it('produces a configuration that validates and still holds everything the owner wrote', () => {
    const parsed = siteConfigSchema.parse(proposed.config)
    const own = OWNER.services[0]!
    expect(parsed.services[0]).toMatchObject({ ...own, storage: [expect.objectContaining(own.storage[0]), expect.objectContaining({ name: '_gid' })] })
    expect(parsed).toMatchObject({ siteId: OWNER.siteId, controller: OWNER.controller, policy: OWNER.policy })
  })

  it('names each invalid field of a declaration it cannot read', () => {
    expect(() => parseDeclaration({ services: [{ id: 'Bad Id' }] })).toThrow(/services\.0\.id/)
  })
})
