import { describe, expect, it } from 'vitest'
import { consentInputSchema } from './consent-record'
import { formatIssues } from './format-issues'

const valid = {
  siteId: 'site_demo1234',
  visitorId: '0123456789abcdef0123456789abcdef',
  idempotencyKey: 'k_0123456789abcdef',
  method: 'reject_all',
  categories: { functional: false, analytics: false, advertising: false },
  services: { ga4: false },
  doNotSell: true,
  gpc: false,
  policyRevision: 1,
  configVersionId: 'cfg_abc',
  locale: 'en',
  jurisdiction: 'DE',
  bannerVersion: '0.1.0',
  pageUrl: 'https://example.com/article?id=1',
  decidedAt: 1_763_800_000_000,
}

const paths = (input: unknown) => {
  const result = consentInputSchema.safeParse(input)
  return result.success ? [] : formatIssues(result.error).map((i) => i.path)
}

describe('consentInputSchema', () => {
  it('REC-01: accepts a refusal with every category stated', () => {
    expect(paths(valid)).toEqual([])
  })

  it('REC-01: requires every optional category to be stated explicitly', () => {
    expect(paths({ ...valid, categories: { functional: false } })).toEqual(['categories.analytics', 'categories.advertising'])
  })

  it('refuses essential set to false', () => {
    expect(paths({ ...valid, categories: { ...valid.categories, essential: false } })).toEqual(['categories.essential'])
  })

  it('REC-03: refuses fields it does not know, such as a raw IP or user agent', () => {
    expect(paths({ ...valid, ip: '203.0.113.7' })).toEqual(['ip'])
    expect(paths({ ...valid, userAgent: 'Mozilla/5.0' })).toEqual(['userAgent'])
  })

  it('accepts an external user id with any well-formed Unicode, and refuses a lone surrogate', () => {
    expect(paths({ ...valid, externalUserId: 'Zoë 👩‍💻 ユーザー' })).toEqual([])
    for (const id of ['lone\ud800high', '\udc00low first', 'swapped\udc00\ud800', 'ends in\ud83d']) {
      expect(paths({ ...valid, externalUserId: id })).toEqual(['externalUserId'])
    }
  })

  it('takes policy revisions up to 2^31 − 1, the largest a record keeps', () => {
    expect(paths({ ...valid, policyRevision: 2 ** 31 - 1 })).toEqual([])
    expect(paths({ ...valid, policyRevision: 2 ** 31 })).toEqual(['policyRevision'])
  })

  it('names each malformed field', () => {
    expect(paths({ ...valid, visitorId: 'x', method: 'maybe', jurisdiction: 'california', pageUrl: 'ftp://x', idempotencyKey: 'short' })).toEqual(
      expect.arrayContaining(['visitorId', 'method', 'jurisdiction', 'pageUrl', 'idempotencyKey']),
    )
  })
})
