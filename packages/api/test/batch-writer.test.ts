import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { BatchWriter } from '../src/db/batch-writer'
import type { RecordStore, UnsealedConsent } from '../src/db/store'
import { verifyChain } from '../src/records/chain'
import { sealRecord } from '../src/records/consent-record'
import { createSigner, generateSigningKey, signBatch, verifyReceipt } from '../src/records/signing'
import { newSite } from '../src/sites'
import { openTestDb, STORES, unsealedFixture, type TestDb } from './helpers'

describe.each(STORES)('BatchWriter (%s)', (kind) => {
  let db: TestDb
  afterEach(async () => db.cleanup())

  it('fails only the record the database refuses: the rest of its batch is committed, signed and chained', async () => {
    db = await openTestDb(kind)
    const site = newSite({ name: 'Isolation', allowedOrigins: [], retentionDays: null })
    await db.store.insertSite(site)
    const signer = createSigner(generateSigningKey())
    const writer = new BatchWriter(db.store, sealRecord, (hashes) => signBatch(signer, hashes))
    // A method outside the table's CHECK constraint: validation keeps it out of the API, so it stands for any
    // record the database refuses that validation missed.
    const refused = { ...unsealedFixture(site.id, 5, 'refused_key_000005'), method: 'not_a_method' } as unknown as UnsealedConsent
    const items = [1, 2, 3, 4].map((n) => unsealedFixture(site.id, n, `good_key_00000000${n}`))
    items.splice(2, 0, refused)
    // Queued in one turn, so they share one batch.
    const settled = await Promise.allSettled(items.map((item) => writer.append(item)))

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const stored = await db.store.queryConsents(site.id, {}, 0, 100)
    expect(stored.map((r) => r.visitorId)).toEqual([1, 2, 3, 4].map((n) => n.toString(16).padStart(32, '0')))
    for (const s of settled) {
      if (s.status === 'fulfilled')
        expect(verifyReceipt({ hash: s.value.record.hash, signature: s.value.signature, proof: s.value.proof }, signer.publicKey)).toBe(true)
    }
    async function* all() {
      yield* stored
    }
    expect(await verifyChain(all(), null)).toMatchObject({ valid: true, checked: 4 })
    await signer.close()
  })
})

describe.each(STORES)('isRecordRefusal (%s)', (kind) => {
  it('calls constraint and data errors refusals, failures of the database not', async () => {
    const db = await openTestDb(kind)
    try {
      const refusals = kind === 'sqlite' ? ['SQLITE_CONSTRAINT_CHECK', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_TOOBIG'] : ['23514', '23502', '22003', '22021']
      const failures =
        kind === 'sqlite' ? ['SQLITE_IOERR_FSYNC', 'SQLITE_FULL', 'SQLITE_BUSY', undefined] : ['57P01', '08006', '53100', '3D000', 'ECONNREFUSED', undefined]
      for (const code of refusals) expect(db.store.isRecordRefusal(Object.assign(new Error('x'), { code }))).toBe(true)
      for (const code of failures) expect(db.store.isRecordRefusal(Object.assign(new Error('x'), { code }))).toBe(false)
    } finally {
      await db.cleanup()
    }
  })
})

// PostgreSQL only (the api-postgres project): dropping the database under a live pool.
describe.each(STORES.filter((kind) => kind === 'postgres'))('BatchWriter (%s, the database gone)', (kind) => {
  it('fails the whole batch at once instead of splitting it', async () => {
    const db = await openTestDb(kind)
    try {
      const site = newSite({ name: 'Gone', allowedOrigins: [], retentionDays: null })
      await db.store.insertSite(site)
      let attempts = 0
      const counted: RecordStore = { ...db.store, appendBatch: (items, seal) => (attempts++, db.store.appendBatch(items, seal)) }
      const signer = createSigner(generateSigningKey())
      const writer = new BatchWriter(counted, sealRecord, (hashes) => signBatch(signer, hashes))
      const admin = new pg.Client({ connectionString: inject('postgresUrl') })
      await admin.connect()
      await admin.query(`drop database ${new URL(db.location).pathname.slice(1)} with (force)`)
      await admin.end()
      const settled = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => writer.append(unsealedFixture(site.id, n, `gone_key_00000000${n}`))))
      expect(settled.map((s) => s.status)).toEqual(Array(6).fill('rejected'))
      expect(db.store.isRecordRefusal((settled[0] as PromiseRejectedResult).reason)).toBe(false)
      expect(attempts).toBe(1)
      await signer.close()
    } finally {
      await db.cleanup()
    }
  })
})
