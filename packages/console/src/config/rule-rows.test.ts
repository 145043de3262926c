import { describe, expect, it } from 'vitest'
import { earlierRow, rowsOf, rulesOf } from './rule-rows'

describe('rule rows', () => {
  it('round-trips rules through rows, keeping their order', () => {
    const rules = { 'CA-QC': 'opt_in', CA: 'opt_out', BR: 'notice' } as const
    expect(rowsOf(rules).map((r) => r.code)).toEqual(['CA-QC', 'CA', 'BR'])
    expect(Object.entries(rulesOf(rowsOf(rules)))).toEqual(Object.entries(rules))
  })

  it('leaves blank codes out, keeps the first row of a repeated code, and points the repeat at it', () => {
    const rows = [
      { code: 'CA', regime: 'opt_out' },
      { code: '', regime: 'opt_in' },
      { code: 'CA', regime: 'opt_in' },
      { code: '', regime: 'notice' },
    ] as const
    expect(rulesOf(rows)).toEqual({ CA: 'opt_out' })
    expect(rows.map((_, i) => earlierRow(rows, i))).toEqual([-1, -1, 0, -1])
  })

  it('treats codes that are also Object.prototype names as plain codes', () => {
    expect(rulesOf([{ code: 'constructor', regime: 'notice' }])).toEqual({ constructor: 'notice' })
    expect(rowsOf(undefined)).toEqual([])
  })
})
