import { allRecords } from '../db/paging'
import type { RecordStore } from '../db/store'
import { verifyChain, type ChainReport } from './chain'
import { checkPurges, checkpointFromRow, checkpointSigned, type Checkpoint } from './chain-audit'

/** `verifyChain`'s report plus what was checked around the records. */
export interface SiteAudit extends ChainReport {
  /** Records ever appended to the chain (purged ones included), as far as the walk got. */
  treeSize: number
  /** Records removed by recorded purges. */
  purged: number
  /** Signed checkpoints held against the chain (the stored ones and any given). */
  checkpoints: number
}

/** How many stored checkpoints a verification holds against the chain (the newest). */
const STORED_CHECKPOINTS_CHECKED = 1000

/**
 * Verifies a site's log end to end: the purge entries (chained, signed), that the anchor is the last purge's,
 * every record and link from the anchor, that the last record is the site's head, and that each signed
 * checkpoint (stored, or `saved` by a third party earlier) names a record the chain still has at its position:
 * a log cut short, even with the head moved back, no longer reaches a checkpoint taken before.
 */
export async function auditSite(store: RecordStore, siteId: string, publicKey: string, saved: readonly Checkpoint[] = []): Promise<SiteAudit> {
  const site = await store.getSite(siteId)
  if (!site) throw new Error(`no site ${siteId}`)
  const purges = await store.listPurges(siteId)
  const purged = purges.reduce((n, p) => n + p.count, 0)
  const stored = (await store.listCheckpoints(siteId, STORED_CHECKPOINTS_CHECKED)).map(checkpointFromRow)
  const pins = [...stored, ...saved]
  const whole = (reason: string): SiteAudit => ({
    valid: false,
    checked: 0,
    firstBroken: { id: null, seq: null, reason },
    lastHash: site.headHash ?? '',
    treeSize: purged,
    purged,
    checkpoints: pins.length,
  })

  const purgeProblem = checkPurges(purges, publicKey)
  if (purgeProblem) return whole(purgeProblem)
  if (site.anchorHash !== (purges.at(-1)?.upToHash ?? null)) return whole('anchor_without_purge')
  if (pins.some((c) => c.siteId !== siteId || !checkpointSigned(c, publicKey))) return whole('checkpoint_signature_invalid')

  const expectAt = new Map<number, string>()
  for (const c of pins) {
    if (c.treeSize <= purged) continue // its record was purged since; the purge entries account for it
    if ((expectAt.get(c.treeSize) ?? c.head) !== c.head) return whole('checkpoints_disagree')
    expectAt.set(c.treeSize, c.head)
  }
  const report = await verifyChain(allRecords(store, siteId), site.anchorHash, { purged, expectAt })
  const out = { ...report, treeSize: purged + report.checked, purged, checkpoints: pins.length }
  if (!report.valid) return out
  // The tail: the last record must be the head the writer recorded (deleting the newest records breaks this).
  if (report.lastHash !== (site.headHash ?? report.lastHash)) return { ...out, valid: false, firstBroken: { id: null, seq: null, reason: 'head_mismatch' } }
  if (site.headHash === null && report.checked > 0) return { ...out, valid: false, firstBroken: { id: null, seq: null, reason: 'head_mismatch' } }
  // A checkpoint beyond the end: records it covered are gone (the log was cut short and the head moved back).
  if (pins.some((c) => c.treeSize > out.treeSize)) return { ...out, valid: false, firstBroken: { id: null, seq: null, reason: 'truncated_before_checkpoint' } }
  return out
}
