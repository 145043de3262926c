import { describe, expect, it } from 'vitest'
import { compareScans, failureReasons } from './changes'
import type { Finding, ScanResult } from './result-schema'

const cookie = (name: string, domain = '127.0.0.1') =>
  ({ name, domain, classification: { declared: null, known: null, category: null } }) as unknown as ScanResult['cookies'][number]
const finding = (kind: Finding['kind'], name: string): Finding => ({
  kind,
  key: `${kind}:cookie:${name}`,
  subject: { type: 'cookie', name, domain: null },
  category: 'analytics',
  page: null,
  responsible: null,
  message: '',
})

describe('compareScans and failureReasons', () => {
  const previous = {
    cookies: [cookie('_ga')],
    storage: [],
    requests: [{ host: 'cdn.example' }] as ScanResult['requests'],
    findings: [finding('undeclared', '_ga')],
    finishedAt: 1,
  }
  const current = {
    cookies: [cookie('_ga'), cookie('_fbp')],
    storage: [],
    requests: [],
    findings: [finding('undeclared', '_ga'), finding('before_consent', '_fbp')],
  }

  it('lists what was added and removed since the previous scan, and the new findings', () => {
    expect(compareScans(current, previous)).toEqual({
      previousScanAt: 1,
      added: ['cookie:_fbp@127.0.0.1'],
      removed: ['request:cdn.example'],
      newFindings: ['before_consent:cookie:_fbp'],
    })
  })

  it('keys names that carry an id by their declared or known prefix, so a new session id is not a new cookie', () => {
    const prefixed = (name: string) =>
      ({
        ...cookie(name),
        classification: { declared: null, known: { pattern: { name: '_ga_', match: 'prefix' } }, category: 'analytics' },
      }) as unknown as ScanResult['cookies'][number]
    const a = { cookies: [prefixed('_ga_AAA')], storage: [], requests: [], findings: [] }
    const b = { cookies: [prefixed('_ga_BBB')], storage: [], requests: [], findings: [], finishedAt: 1 }
    expect(compareScans(a, b)).toMatchObject({ added: [], removed: [] })
  })

  it('fails a CI run only on the conditions asked for', () => {
    const result = { ...current, changes: compareScans(current, previous) }
    expect(failureReasons(result, [])).toEqual([])
    expect(failureReasons(result, ['new'])).toEqual(['new since the previous scan: cookie:_fbp@127.0.0.1'])
    expect(failureReasons(result, ['undeclared'])).toEqual(['undeclared: _ga'])
    expect(failureReasons(result, ['before-consent'])).toEqual(['set or sent before consent or after rejection: _fbp'])
    expect(failureReasons({ ...result, changes: null }, ['new'])).toEqual([])
  })
})
