import { afterEach, describe, expect, it } from 'vitest'
import { sealRecord } from '../src/records/consent-record'
import { newSite } from '../src/sites'
import { openTestDb, STORES, unsealedFixture, type TestDb } from './helpers'

describe.each(STORES)('appendBatch within one batch (%s)', (kind) => {
  let db: TestDb
  afterEach(async () => {
    await db.cleanup()
  })

  it('answers a repeated key with the record stored first, and stores every record without a key', async () => {
    db = await openTestDb(kind)
    const site = newSite({ name: 'Batch', allowedOrigins: [], retentionDays: null })
    await db.store.insertSite(site)
    const keyless = (n: number) => ({ ...unsealedFixture(site.id, n, 'unused_key_0000000'), idempotencyKey: null })
    const out = await db.store.appendBatch(
      [unsealedFixture(site.id, 1, 'repeated_key_000001'), keyless(2), unsealedFixture(site.id, 3, 'repeated_key_000001'), keyless(4)],
      sealRecord,
    )
    expect(out.map((o) => o.replay)).toEqual([false, false, true, false])
    expect(out[2]!.record.id).toBe(out[0]!.record.id)
    expect(new Set(out.map((o) => o.record.id)).size).toBe(3)
    expect(await db.store.countConsents(site.id)).toBe(3)
  })
})
