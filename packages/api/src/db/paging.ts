import type { ConsentRecord } from '../records/chain'
import type { ConsentFilter, RecordStore } from './store'

/** Every matching record in `seq` order, fetched a page at a time so memory stays flat. */
export async function* allRecords(store: RecordStore, siteId: string, filter: ConsentFilter = {}, pageSize = 1000): AsyncGenerator<ConsentRecord> {
  let after = 0
  for (;;) {
    const page = await store.queryConsents(siteId, filter, after, pageSize)
    yield* page
    if (page.length < pageSize) return
    after = page.at(-1)!.seq
  }
}

/** Deletes a site's records older than its retention, in batches, yielding between them so writes go on. */
export async function purgeExpired(store: RecordStore, siteId: string, retentionDays: number, now = Date.now(), batch = 1000): Promise<number> {
  const cutoff = now - retentionDays * 86_400_000
  let total = 0
  for (;;) {
    const n = await store.purgeBatch(siteId, cutoff, batch)
    total += n
    if (n < batch) return total
    await new Promise((r) => setImmediate(r))
  }
}
