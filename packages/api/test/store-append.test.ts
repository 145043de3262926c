import { afterEach, describe, expect, it } from 'vitest'
import { verifyChain } from '../src/records/chain'
import { sealRecord } from '../src/records/consent-record'
import { openSqliteStore } from '../src/db/sqlite-store'
import { newSite } from '../src/sites'
import { openTestDb, STORES, unsealedFixture, type TestDb } from './helpers'

// An in-memory SQLite database commits on its own connection instead of the writer thread: the same protocol.
const inMemory = async (): Promise<TestDb> => {
  const store = openSqliteStore(':memory:')
  return { store, location: ':memory:', cleanup: () => store.close() }
}

describe.each([...STORES, ...(STORES.includes('sqlite') ? (['sqlite in memory'] as const) : [])])('appendBatch and idempotency keys (%s)', (kind) => {
  let db: TestDb
  afterEach(async () => {
    await db.cleanup()
  })
  const open = () => (kind === 'sqlite in memory' ? inMemory() : openTestDb(kind))

  it('answers a repeated key with the record stored first, and stores every record without a key', async () => {
    db = await open()
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

  it('answers a key stored by an earlier batch with that record, stores the rest of the batch and keeps the chain whole', async () => {
    db = await open()
    const site = newSite({ name: 'Retry', allowedOrigins: [], retentionDays: null })
    await db.store.insertSite(site)
    const [first] = await db.store.appendBatch([unsealedFixture(site.id, 1, 'stored_key_00000001')], sealRecord)
    const out = await db.store.appendBatch(
      [
        unsealedFixture(site.id, 2, 'fresh_key_000000002'),
        unsealedFixture(site.id, 3, 'stored_key_00000001'),
        unsealedFixture(site.id, 4, 'fresh_key_000000004'),
      ],
      sealRecord,
    )
    expect(out.map((o) => o.replay)).toEqual([false, true, false])
    expect(out[1]!.record.id).toBe(first!.record.id)
    expect(out[2]!.record.prevHash).toBe(out[0]!.record.hash)
    expect(await db.store.countConsents(site.id)).toBe(3)
    async function* all() {
      yield* await db.store.queryConsents(site.id, {}, 0, 100)
    }
    expect(await verifyChain(all(), null)).toMatchObject({ valid: true, checked: 3 })
  })
})
