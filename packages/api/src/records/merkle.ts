import { hash } from 'node:crypto'

/**
 * The Merkle tree of RFC 9162 §2.1 over a batch of record hashes, so one Ed25519 signature (over the root)
 * stands behind every receipt of the batch: each receipt carries its record's inclusion path.
 * Leaves are `SHA-256(0x00 || record hash bytes)`, inner nodes `SHA-256(0x01 || left || right)`; the prefixes
 * keep a leaf from passing for an inner node. Hashes travel as lower-case hex.
 */

/** A record's place in the signed batch: `root` is what the receipt signature covers. */
export interface InclusionProof {
  /** Records in the batch (1 for a receipt signed on its own). */
  treeSize: number
  /** This record's position in the batch, from 0. */
  leafIndex: number
  /** Sibling hashes from the leaf up to the root (RFC 9162 `PATH`), hex. */
  path: string[]
  /** Merkle tree hash of the batch, hex. */
  root: string
}

// Hashed from one scratch buffer each: a batch hashes two of these per record, and Buffer.concat allocated per call.
const leafInput = Buffer.alloc(33)
const nodeInput = Buffer.alloc(65)
nodeInput[0] = 1

/** The leaf hash of a record hash (64 hex characters). */
export function leafHash(recordHash: string): Buffer {
  leafInput.fill(0)
  leafInput.write(recordHash, 1, 'hex')
  return hash('sha256', leafInput, 'buffer')
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  left.copy(nodeInput, 1)
  right.copy(nodeInput, 33)
  return hash('sha256', nodeInput, 'buffer')
}

/** Largest power of two below n (n > 1). */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** The root of a batch of record hashes and each record's inclusion proof, in batch order. */
export function batchProofs(recordHashes: readonly string[]): InclusionProof[] {
  const n = recordHashes.length
  if (n === 0) return []
  const paths: string[][] = recordHashes.map(() => [])
  // Builds the subtree over [lo, hi) and gives every leaf in each half the other half's hash (as hex, encoded
  // once per node); deeper levels finish first, so each path fills from the leaf upwards.
  const build = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leafHash(recordHashes[lo]!)
    const mid = lo + split(hi - lo)
    const left = build(lo, mid)
    const right = build(mid, hi)
    const leftHex = left.toString('hex')
    const rightHex = right.toString('hex')
    for (let i = lo; i < mid; i++) paths[i]!.push(rightHex)
    for (let i = mid; i < hi; i++) paths[i]!.push(leftHex)
    return nodeHash(left, right)
  }
  const root = build(0, n).toString('hex')
  return paths.map((path, leafIndex) => ({ treeSize: n, leafIndex, path, root }))
}

/**
 * The root an inclusion proof leads to from a record hash (RFC 9162 §2.1.3.2), or null when the proof is
 * malformed for its tree size. The caller compares it with the signed root.
 */
export function rootFromProof(recordHash: string, proof: Pick<InclusionProof, 'treeSize' | 'leafIndex' | 'path'>): string | null {
  const { treeSize, leafIndex, path } = proof
  if (!Number.isSafeInteger(treeSize) || !Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) return null
  let fn = leafIndex
  let sn = treeSize - 1
  let r = leafHash(recordHash)
  for (const hex of path) {
    if (sn === 0 || !/^[0-9a-f]{64}$/.test(hex)) return null
    const p = Buffer.from(hex, 'hex')
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 ? r.toString('hex') : null
}
