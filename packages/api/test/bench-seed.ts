import type { ConsentInput } from '@consentry/shared'
import { openStore } from '../src/db/open-store'
import { sealRecord, unsealedRecord } from '../src/records/consent-record'

/** The ids the banner makes (time-ordered), so the bench writes what visitors' browsers write. */
export { newIdempotencyKey, newVisitorId } from '@consentry/shared'
/** The configuration the bench publishes: the tests' own, so it stays valid as the schema changes. */
export { sampleConfig } from './sample-config'

/** Visitor id number `i` (32 hex chars), so the bench can look up visitors that exist. */
export function benchVisitor(i: number): string {
  return i.toString(16).padStart(32, '0')
}

/**
 * Bench helper (bundled by scripts/bench/api.bench.mjs): appends `total` chained records for a site through the
 * store's own batch path, `batch` per transaction, `perVisitor` records per visitor.
 */
export async function seedRecords(
  databaseUrl: string,
  site: { siteId: string; versionId: string; configHash: string },
  total: number,
  batch = 5000,
  perVisitor = 5,
): Promise<number> {
  const store = await openStore(databaseUrl)
  const started = performance.now()
  try {
    for (let done = 0; done < total; done += batch) {
      const items = []
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const input: ConsentInput = {
          siteId: site.siteId,
          visitorId: benchVisitor(Math.floor(i / perVisitor)),
          idempotencyKey: `seed_${i.toString(36).padStart(12, '0')}`,
          method: i % 3 === 0 ? 'accept_all' : i % 3 === 1 ? 'reject_all' : 'custom',
          categories: { functional: i % 2 === 0, analytics: i % 3 === 0, advertising: i % 5 === 0 },
          services: {},
          doNotSell: false,
          gpc: false,
          policyRevision: 1,
          configVersionId: site.versionId,
          locale: 'en',
          jurisdiction: i % 4 === 0 ? 'US-CA' : 'DE',
          bannerVersion: '0.1.0',
          pageUrl: 'https://shop.example/products',
          decidedAt: Date.now(),
        }
        items.push(
          unsealedRecord(
            input,
            { ga4: input.categories.analytics, ads: input.categories.advertising },
            site.configHash,
            { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 Chrome/120.0', secGpc: false },
            'truncate',
          ),
        )
      }
      await store.appendBatch(items, sealRecord)
    }
    return performance.now() - started
  } finally {
    await store.close()
  }
}

/**
 * After a bulk load, what `pgbench -i` does before it measures anything: statistics gathered, dead tuples vacuumed
 * and a checkpoint written on PostgreSQL (else autovacuum and the checkpointer start on the 1 M fresh rows in the
 * middle of the write rounds); `ANALYZE` and a WAL checkpoint on SQLite. Returns the time it took.
 */
export async function settleStore(databaseUrl: string): Promise<number> {
  const started = performance.now()
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      await client.query('VACUUM (ANALYZE)')
      await client.query('CHECKPOINT')
    } finally {
      await client.end()
    }
  } else {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(databaseUrl.replace(/^file:/, ''))
    try {
      db.exec('ANALYZE')
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
  }
  return performance.now() - started
}
