import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consentBody, postConsent, publishedSite, STORES, testApi, type PublishedSite, type TestApi } from './helpers'

// The hostile-input table checks what is refused. This checks what is accepted: bodies with one field replaced by
// a generated value (awkward Unicode, edge numbers, wrong types), answered 2xx or 4xx, never 5xx, and every record
// that was accepted is stored exactly as it was hashed: the site's chain verifies over all of them. It found a lone
// surrogate stored as U+FFFD (breaking the chain) and a policy revision PostgreSQL's integer column refused.
const SEED = 20261201

/** A small seeded generator (a linear congruential one): the same cases on every run. */
function generator(seed: number) {
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const CHARS = [
    'a',
    'Z',
    '0',
    '-',
    '_',
    '.',
    '/',
    ':',
    '?',
    '#',
    '%',
    ' ',
    'é',
    'ß',
    '日',
    '😀',
    '\ud800',
    '\udc00',
    '\u2028',
    '\u0000',
    '\u007f',
    '\u0085',
    '\ufeff',
    '\uffff',
    '"',
    '\\',
    '<',
    '+',
    '~',
  ]
  const text = () => Array.from({ length: Math.floor(next() * 40) }, () => pick(CHARS)).join('')
  const NUMBERS = [0, 1, -1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e21, 1.5, -0, Number.MIN_VALUE, 1_796_145_589_062, 8.64e15 + 1]
  const value = (): unknown =>
    pick([text, () => pick(NUMBERS), () => pick([true, false, null]), () => [text()], () => ({ [text()]: pick([true, false, 1]) })])()
  return { next, pick, text, value, number: () => pick(NUMBERS) }
}

const FIELDS = [
  'siteId',
  'visitorId',
  'externalUserId',
  'idempotencyKey',
  'method',
  'services',
  'policyRevision',
  'configVersionId',
  'locale',
  'jurisdiction',
  'bannerVersion',
  'pageUrl',
  'decidedAt',
  'gppString',
  'doNotSell',
  'gpc',
] as const

describe.each(STORES)('accepted input (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
  })
  afterEach(async () => api.db.cleanup())

  it('answers 800 generated bodies 2xx or 4xx, and the chain verifies over every record it accepted', async () => {
    const g = generator(SEED)
    const fiveXx: string[] = []
    let accepted = 0
    for (let i = 0; i < 800; i++) {
      const field = g.pick(FIELDS)
      const value =
        field === 'pageUrl'
          ? `https://shop.example/${g.text()}`
          : field === 'externalUserId' || field === 'gppString'
            ? g.text()
            : g.next() < 0.5
              ? g.number()
              : g.value()
      // Header values are Latin-1: the generated text goes in with everything else replaced.
      const userAgent = `Mozilla/5.0 ${g.text().replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, 'q')}`
      const res = await postConsent(api, consentBody(site, { [field]: value, idempotencyKey: `accepted_input_${i.toString().padStart(6, '0')}` }), {
        'user-agent': userAgent,
      })
      const body = (await res.json()) as { error?: { code: string } }
      if (res.status >= 500) fiveXx.push(`${res.status} ${field}=${JSON.stringify(value)}`)
      else if (res.status < 300) accepted++
      else expect(body.error?.code).toMatch(/^[a-z_]+$/)
    }
    expect(fiveXx).toEqual([])
    // Not vacuous: many generated values are valid (texts in free fields, numbers in number fields).
    expect(accepted).toBeGreaterThan(100)
    const report = await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()
    expect(report).toMatchObject({ valid: true, checked: accepted, firstBroken: null })
  }, 120_000)
})
