import { describe, expect, it } from 'vitest'
import { newId, newRecordId } from './ids'

describe('newRecordId', () => {
  it('has the shape of every other id and sorts in time order', () => {
    const t = Date.UTC(2026, 11, 1)
    const ids = [newRecordId(t), newRecordId(t + 1), newRecordId(t + 60_000), newRecordId(t + 365 * 86_400_000)]
    for (const id of ids) expect(id).toMatch(/^cns_[a-z0-9]{20}$/)
    expect(newId('site')).toMatch(/^site_[a-z0-9]{20}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(newRecordId(0).slice(4, 13)).toBe('000000000')
  })

  it('stays unique within one millisecond', () => {
    const t = Date.now()
    const ids = new Set(Array.from({ length: 20_000 }, () => newRecordId(t)))
    expect(ids.size).toBe(20_000)
  })
})
