import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CATALOGUE } from './catalogue'
import { createClassifier } from './classify'
import { importOpenCookieDatabase, parseRetention } from './open-cookie-database'

// A small file we wrote ourselves in the database's CSV format (the real file is never committed).
const SAMPLE = readFileSync(new URL('../../test/fixtures/open-cookie-database.sample.csv', import.meta.url), 'utf8')

describe('Open Cookie Database import', () => {
  const db = importOpenCookieDatabase(SAMPLE)

  it('maps the categories its own validator accepts onto ours', () => {
    const byName = Object.fromEntries([...db.entries].reverse().map((e) => [e.name, e])) // first entry of a name wins
    expect(byName._sa_visitor).toMatchObject({
      category: 'analytics',
      sourceCategory: 'Analytics',
      platform: 'Sample Analytics',
      match: 'exact',
      lifetime: 2 * 365 * 86_400,
    })
    expect(byName.sads_).toMatchObject({ category: 'advertising', match: 'prefix', lifetime: 390 * 86_400 })
    expect(byName.sshop_cart).toMatchObject({ category: 'functional', lifetime: 'session' })
    expect(byName.sfw_bot).toMatchObject({ category: 'essential', lifetime: 1800 })
    expect(byName.spers_lang).toMatchObject({ category: 'functional', privacyPolicyUrl: null })
  })

  it('rejects rows its validator rejects (an unknown category such as Necessary, a bad or duplicate ID) and bad wildcards, with reasons', () => {
    const rejected = Object.fromEntries(db.rejected.map((r) => [r.line, r.reasons.join('; ')]))
    expect(rejected[6]).toMatch(/^Category: must be one of Functional, Personalization, Analytics, Marketing, Security/)
    expect(rejected[7]).toMatch(/ID: must be a UUID/)
    expect(rejected[8]).toMatch(/Wildcard match: must be 0 or 1/)
    expect(rejected[11]).toMatch(/ID: duplicate/)
    expect(db.entries.map((e) => e.name)).not.toContain('scms_session')
    expect(db.entries).toHaveLength(6)
  })

  it('reports names listed twice and keeps the first for classification', () => {
    expect(db.duplicateNames).toEqual(['_sa_visitor'])
    const classify = createClassifier({ catalogue: CATALOGUE, ocd: db.entries })
    expect(classify.known({ kind: 'cookie', name: '_sa_visitor' })?.serviceName).toBe('Sample Analytics')
    expect(classify.known({ kind: 'cookie', name: 'sads_9f8e' })).toMatchObject({ source: 'open_cookie_database', category: 'advertising' })
  })

  it('throws when the file is not the database', () => {
    expect(() => importOpenCookieDatabase('name,category\n_ga,Analytics\n')).toThrow(/missing column\(s\) ID, Platform/)
  })

  it.each([
    ['1 year', 31_536_000],
    ['13 Months', 33_696_000],
    ['30 minutes', 1800],
    ['Session', 'session'],
    ['End of session (browser)', 'session'],
    ['Unknown', null],
    ['persistent', null],
  ])('reads the retention "%s"', (text, expected) => {
    expect(parseRetention(text)).toBe(expected)
  })
})
