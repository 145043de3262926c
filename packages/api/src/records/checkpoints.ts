import type { RecordStore } from '../db/store'
import { checkpointRow, signCheckpoint } from './chain-audit'
import type { Signer } from './signing'

/**
 * Signs and keeps a checkpoint for every site whose chain grew since its last one; returns how many were made.
 * Run periodically by `consentry serve`: a third party that saves them can later detect a log cut short.
 */
export async function publishCheckpoints(store: RecordStore, signer: Pick<Signer, 'sign' | 'keyId'>, now = Date.now()): Promise<number> {
  let made = 0
  for (const site of await store.listSites()) {
    if (!site.headHash) continue
    const [latest] = await store.listCheckpoints(site.id, 1)
    if (latest?.headHash === site.headHash) continue
    const size = await store.chainSize(site.id)
    if (!size || (latest && size.treeSize <= latest.treeSize)) continue
    await store.insertCheckpoint(checkpointRow(signCheckpoint(signer, site.id, size.treeSize, size.head, now)))
    made++
  }
  return made
}

/** Publishes checkpoints now and every `intervalMs`; the timer does not keep the process alive. */
export function scheduleCheckpoints(
  store: RecordStore,
  signer: Pick<Signer, 'sign' | 'keyId'>,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => void {
  const run = () => void publishCheckpoints(store, signer).catch(onError)
  run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
