import type { ConsentRecord } from '../records/chain'
import { sealPurge } from '../records/chain-audit'
import type { Signer } from '../records/signing'
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

/**
 * Deletes a site's records older than its retention, in batches, yielding between them so writes go on. Each
 * batch leaves a signed purge entry (when, how many, up to which hash), without which verification refuses the anchor.
 */
export async function purgeExpired(
  store: RecordStore,
  signer: Pick<Signer, 'sign' | 'keyId'>,
  siteId: string,
  retentionDays: number,
  now = Date.now(),
  batch = 1000,
): Promise<number> {
  const cutoff = now - retentionDays * 86_400_000
  let total = 0
  for (;;) {
    const n = await store.purgeBatch(siteId, cutoff, batch, (prev, range) => sealPurge(signer, siteId, prev, range, now))
    total += n
    if (n < batch) return total
    await new Promise((r) => setImmediate(r))
  }
}
