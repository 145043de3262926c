import type { SiteConfig } from '@consentry/shared'
import { describe, expect, it } from 'vitest'
import { diffConfig, repromptVerdict } from './diff'

const base = {
  siteId: 'site_x0001',
  policy: { revision: 1, url: 'https://x.example/privacy' },
  categories: ['functional', 'analytics', 'advertising'],
  services: [
    { id: 'ga4', name: 'GA', category: 'analytics', purpose: 'Measure', storage: [{ name: '_ga', lifetime: 63072000 }] },
    { id: 'ads', name: 'Ads', category: 'advertising', purpose: 'Ads', storage: [] },
  ],
  consent: { lifetimeDays: 365 },
  appearance: { layout: 'bar' },
} as unknown as SiteConfig

const edit = (fn: (c: any) => void): SiteConfig => {
  const c = structuredClone(base) as any
  fn(c)
  return c
}

describe('diffConfig', () => {
  it('names a changed field by the service id and the field, not by array index', () => {
    const after = edit((c) => {
      c.services.reverse()
      c.services[1].purpose = 'Count visits'
    })
    expect(diffConfig(base, after)).toEqual([{ where: 'services › ga4 › purpose', kind: 'changed', before: 'Measure', after: 'Count visits' }])
  })

  it('lists added and removed services and cookies', () => {
    const after = edit((c) => {
      c.services = c.services.filter((s: any) => s.id !== 'ads')
      c.services[0].storage.push({ name: '_gid', lifetime: 86400 })
    })
    expect(diffConfig(base, after).map((ch) => `${ch.kind} ${ch.where}`)).toEqual(['added services › ga4 › storage › _gid', 'removed services › ads'])
  })

  it('finds nothing when only the order of services changed', () => {
    expect(
      diffConfig(
        base,
        edit((c) => c.services.reverse()),
      ),
    ).toEqual([])
  })
})

describe('repromptVerdict', () => {
  it('keeps choices when only texts or looks change', () => {
    expect(
      repromptVerdict(
        base,
        edit((c) => (c.appearance.layout = 'box')),
      ).askedAgain,
    ).toBe(false)
  })
  it('asks again when the policy revision goes up', () => {
    const v = repromptVerdict(
      base,
      edit((c) => (c.policy.revision = 2)),
    )
    expect(v.askedAgain).toBe(true)
    expect(v.reasons[0]).toMatch(/from 1 to 2/)
  })
  it('asks again when a service is added, even refusers', () => {
    const v = repromptVerdict(
      base,
      edit((c) => c.services.push({ id: 'hotjar', category: 'analytics' })),
    )
    expect(v).toMatchObject({ askedAgain: true })
    expect(v.reasons[0]).toMatch(/even those who refused/)
  })
  it('asks everyone on a first publication', () => {
    expect(repromptVerdict(null, base).askedAgain).toBe(true)
  })
})
