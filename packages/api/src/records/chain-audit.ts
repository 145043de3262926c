import type { CheckpointRow, PurgeRow } from '../db/store'
import { GENESIS_HASH } from './chain'
import { sha256Hex } from './canonical'
import { verifyMessage, type Signer } from './signing'

/** What a purge transaction removed: how many records, up to (and including) which record hash. */
export interface PurgedRange {
  count: number
  upToHash: string
}

/** The signed text of a purge entry; its SHA-256 is the entry's hash, which the next entry names. */
export function purgeMessage(e: Omit<PurgeRow, 'hash' | 'keyId' | 'signature'>): string {
  return `consentry-purge/1:${e.siteId}:${e.number}:${e.purgedAt}:${e.count}:${e.upToHash}:${e.prevHash}`
}

/** The entry a purge writes in the same transaction as its deletion, chained to the site's previous entry. */
export function sealPurge(signer: Pick<Signer, 'sign' | 'keyId'>, siteId: string, prev: PurgeRow | undefined, range: PurgedRange, purgedAt: number): PurgeRow {
  const body = { siteId, number: (prev?.number ?? 0) + 1, purgedAt, count: range.count, upToHash: range.upToHash, prevHash: prev?.hash ?? GENESIS_HASH }
  const message = purgeMessage(body)
  return { ...body, hash: sha256Hex(message), keyId: signer.keyId, signature: signer.sign(message) }
}

/** Why a site's purge entries fail, or null: each must link to the one before, hash to its text and carry our signature. */
export function checkPurges(purges: readonly PurgeRow[], publicKey: string): string | null {
  let prev = GENESIS_HASH
  for (const [i, p] of purges.entries()) {
    const message = purgeMessage(p)
    if (p.number !== i + 1 || p.prevHash !== prev || sha256Hex(message) !== p.hash) return 'purge_entry_broken'
    if (!verifyMessage(message, p.signature, publicKey)) return 'purge_entry_signature_invalid'
    prev = p.hash
  }
  return null
}

/** A published checkpoint: the number of records ever appended to a site's chain, and the hash of the last. */
export interface Checkpoint {
  siteId: string
  treeSize: number
  head: string
  createdAt: number
  keyId: string
  signature: string
}

/** What a checkpoint's signature covers. */
export function checkpointMessage(c: Pick<Checkpoint, 'siteId' | 'treeSize' | 'head' | 'createdAt'>): string {
  return `consentry-checkpoint/1:${c.siteId}:${c.treeSize}:${c.head}:${c.createdAt}`
}

export function signCheckpoint(signer: Pick<Signer, 'sign' | 'keyId'>, siteId: string, treeSize: number, head: string, createdAt: number): Checkpoint {
  const body = { siteId, treeSize, head, createdAt }
  return { ...body, keyId: signer.keyId, signature: signer.sign(checkpointMessage(body)) }
}

export function checkpointFromRow(row: CheckpointRow): Checkpoint {
  return { siteId: row.siteId, treeSize: row.treeSize, head: row.headHash, createdAt: row.createdAt, keyId: row.keyId, signature: row.signature }
}

export function checkpointRow(c: Checkpoint): CheckpointRow {
  return { siteId: c.siteId, treeSize: c.treeSize, headHash: c.head, createdAt: c.createdAt, keyId: c.keyId, signature: c.signature }
}

/** Whether a checkpoint (ours, or one a third party saved) carries a valid signature of the given key. */
export function checkpointSigned(c: Checkpoint, publicKey: string): boolean {
  try {
    return verifyMessage(checkpointMessage(c), c.signature, publicKey)
  } catch {
    return false
  }
}
