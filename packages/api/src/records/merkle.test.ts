import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { batchProofs, leafHash, rootFromProof } from './merkle'

const recordHash = (i: number) => createHash('sha256').update(`record ${i}`).digest('hex')

/** RFC 9162 MTH written straight from its definition, to check the batched builder against. */
function referenceRoot(hashes: string[]): string {
  const mth = (d: string[]): Buffer => {
    if (d.length === 1) return leafHash(d[0]!)
    let k = 1
    while (k * 2 < d.length) k *= 2
    return createHash('sha256')
      .update(Buffer.from([1]))
      .update(mth(d.slice(0, k)))
      .update(mth(d.slice(k)))
      .digest()
  }
  return mth(hashes).toString('hex')
}

describe('batch Merkle proofs (RFC 9162)', () => {
  it('gives every record of batches of 1 to 40 a proof that leads to the reference root', () => {
    for (let n = 1; n <= 40; n++) {
      const hashes = Array.from({ length: n }, (_, i) => recordHash(i + 100 * n))
      const proofs = batchProofs(hashes)
      const root = referenceRoot(hashes)
      expect(proofs).toHaveLength(n)
      proofs.forEach((proof, i) => {
        expect(proof).toMatchObject({ treeSize: n, leafIndex: i, root })
        expect(proof.path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)))
        expect(rootFromProof(hashes[i]!, proof)).toBe(root)
      })
    }
  })

  it('a batch of one is its leaf hash, with an empty path', () => {
    const [proof] = batchProofs([recordHash(1)])
    expect(proof).toEqual({ treeSize: 1, leafIndex: 0, path: [], root: leafHash(recordHash(1)).toString('hex') })
  })

  it('leads elsewhere for another record, another position, a changed sibling or a wrong tree size', () => {
    const hashes = Array.from({ length: 13 }, (_, i) => recordHash(i))
    const proofs = batchProofs(hashes)
    const root = proofs[0]!.root
    const p = proofs[6]!
    expect(rootFromProof(hashes[6]!, p)).toBe(root)
    expect(rootFromProof(hashes[7]!, p)).not.toBe(root)
    expect(rootFromProof(hashes[6]!, { ...p, leafIndex: 7 })).not.toBe(root)
    expect(rootFromProof(hashes[6]!, { ...p, path: [recordHash(99), ...p.path.slice(1)] })).not.toBe(root)
    // A leaf deep in the left half has the same path in a slightly larger tree: the signature covers the size.
    expect(rootFromProof(hashes[12]!, { ...proofs[12]!, treeSize: 14 })).not.toBe(root)
    expect(rootFromProof(hashes[6]!, { ...p, treeSize: 6 })).toBeNull()
    expect(rootFromProof(hashes[6]!, { ...p, path: [...p.path, recordHash(1)] })).toBeNull()
    expect(rootFromProof(hashes[6]!, { ...p, path: ['zz'] })).toBeNull()
  })
})
