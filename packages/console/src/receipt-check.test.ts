import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSigner, generateSigningKey } from '../../api/src/records/signing'
import { signBatch } from '../../api/src/records/signing'
import { checkReceipt, rootFromProof } from './receipt-check'

// The console checks receipts in the browser with WebCrypto; the reference is the API's own signer and Merkle tree.
const hashes = (n: number) => Array.from({ length: n }, (_, i) => createHash('sha256').update(`record ${i}`).digest('hex'))

describe('checkReceipt', () => {
  const signer = createSigner(generateSigningKey())

  it('accepts every receipt of batches of 1 to 9 records that the API signs', async () => {
    for (let n = 1; n <= 9; n++) {
      const batch = hashes(n)
      const signed = signBatch(signer, batch)
      for (const [i, s] of signed.entries()) {
        expect(await rootFromProof(batch[i]!, s.proof)).toBe(s.proof.root)
        const verdict = await checkReceipt({ id: 'cns_x', receivedAt: 0, hash: batch[i]!, keyId: signer.keyId, ...s }, signer.publicKey)
        expect(verdict).toEqual({ valid: true })
      }
    }
  })

  it('refuses another record’s hash, a changed path and a signature from another key', async () => {
    const batch = hashes(5)
    const [first, second] = signBatch(signer, batch)
    const receipt = { id: 'cns_x', receivedAt: 0, hash: batch[0]!, keyId: signer.keyId, ...first! }
    expect((await checkReceipt({ ...receipt, hash: batch[1]! }, signer.publicKey)).valid).toBe(false)
    expect((await checkReceipt({ ...receipt, proof: { ...receipt.proof, path: second!.proof.path } }, signer.publicKey)).valid).toBe(false)
    const other = createSigner(generateSigningKey())
    expect(await checkReceipt(receipt, other.publicKey)).toEqual({ valid: false, reason: 'The signature does not match the API’s public key.' })
  })
})
