import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../src/db/open-store'
import { allRecords } from '../src/db/paging'
import type { RecordStore } from '../src/db/store'
import { verifyChain } from '../src/records/chain'
import { sealRecord } from '../src/records/consent-record'
import { newSite } from '../src/sites'
import { openTestDb, STORES, unsealedFixture, type TestDb } from './helpers'

describe.each(STORES)('two processes writing one database (%s)', (kind) => {
  let db: TestDb
  let other: RecordStore | undefined
  afterEach(async () => {
    await other?.close()
    await db.cleanup()
  })

  it('REC-05: interleaved batches from two stores extend one chain without forking it', async () => {
    db = await openTestDb(kind)
    other = await openStore(db.location)
    const site = newSite({ name: 'Shared', allowedOrigins: [], retentionDays: null })
    await db.store.insertSite(site)
    let n = 0
    const batch = (size: number) =>
      Array.from({ length: size }, () => {
        n++
        return unsealedFixture(site.id, n, `concurrent_${n.toString().padStart(10, '0')}`)
      })
    for (let round = 0; round < 15; round++) {
      await Promise.all([db.store.appendBatch(batch(7), sealRecord), other.appendBatch(batch(5), sealRecord)])
    }
    expect(await db.store.countConsents(site.id)).toBe(15 * 12)
    expect(await verifyChain(allRecords(db.store, site.id), null)).toMatchObject({ valid: true, checked: 180 })
  })
})
