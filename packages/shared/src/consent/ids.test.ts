import { afterEach, describe, expect, it, vi } from 'vitest'
import { consentInputSchema } from '../schemas/consent-record'
import { isVisitorId } from './consent-state'
import { idTime, newIdempotencyKey, newVisitorId, timeOrderedId } from './ids'

describe('time-ordered ids', () => {
  afterEach(() => void vi.useRealTimers())
  /** Ids made while the clock reads `t`. */
  const madeAt = (t: number, n: number) => {
    vi.useFakeTimers({ now: t, toFake: ['Date'] })
    const ids = Array.from({ length: n }, () => timeOrderedId())
    vi.useRealTimers()
    return ids
  }

  it('are 32 lowercase hex characters that start with the time they were made', () => {
    const before = Date.now()
    const id = newVisitorId()
    const after = Date.now()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(isVisitorId(id)).toBe(true)
    expect(idTime(id)).toBeGreaterThanOrEqual(before)
    expect(idTime(id)).toBeLessThanOrEqual(after)
  })

  it('sort by time: an id of a later millisecond sorts after every id of an earlier one', () => {
    const t = Date.UTC(2026, 11, 1, 12)
    const earlier = madeAt(t, 50)
    const later = madeAt(t + 1, 50)
    const sorted = [...later, ...earlier].sort()
    expect(sorted.slice(0, 50).every((id) => idTime(id) === t)).toBe(true)
    expect(sorted.slice(50).every((id) => idTime(id) === t + 1)).toBe(true)
  })

  it('keep 80 random bits: ids of the same millisecond differ, and every hex digit of the random part occurs', () => {
    const t = Date.UTC(2026, 11, 1, 12)
    const ids = madeAt(t, 2000)
    expect(new Set(ids).size).toBe(ids.length)
    const tails = ids.map((id) => id.slice(12))
    expect(new Set(tails.join('')).size).toBe(16)
    // Each random position takes many values across the sample (a constant or counter would not).
    for (let i = 0; i < 20; i++) expect(new Set(tails.map((s) => s[i])).size).toBeGreaterThan(12)
  })

  it('are valid idempotency keys for the consent API', () => {
    const key = newIdempotencyKey()
    expect(consentInputSchema.shape.idempotencyKey.safeParse(key).success).toBe(true)
    expect(key).not.toBe(newIdempotencyKey())
  })
})
