import { describe, expect, it } from 'vitest'
import { createSigner, generateSigningKey, receiptMessage, signBatch, signEach, verifyReceipt } from './signing'

describe('createSigner', () => {
  it('signs on the worker thread with the same key as inline signing', async () => {
    const signer = createSigner(generateSigningKey())
    try {
      const hashes = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]
      const each = await signEach(signer, hashes)
      expect(each.map((r) => r.signature)).toEqual(each.map((r) => signer.sign(receiptMessage(r.proof))))
      hashes.forEach((hash, i) => expect(verifyReceipt({ hash, ...each[i]! }, signer.publicKey)).toBe(true))
      expect(verifyReceipt({ hash: 'd'.repeat(64), ...each[0]! }, signer.publicKey)).toBe(false)
    } finally {
      await signer.close()
    }
  })

  it('signs a batch once; a receipt fails with another key, another tree size or another root', () => {
    const signer = createSigner(generateSigningKey())
    const other = createSigner(generateSigningKey())
    const hashes = Array.from({ length: 5 }, (_, i) => String(i).repeat(64))
    const batch = signBatch(signer, hashes)
    expect(new Set(batch.map((r) => r.signature)).size).toBe(1)
    hashes.forEach((hash, i) => expect(verifyReceipt({ hash, ...batch[i]! }, signer.publicKey)).toBe(true))
    const r = { hash: hashes[4]!, ...batch[4]! }
    expect(verifyReceipt(r, other.publicKey)).toBe(false)
    expect(verifyReceipt({ ...r, proof: { ...r.proof, treeSize: 6 } }, signer.publicKey)).toBe(false)
    expect(verifyReceipt({ ...r, proof: { ...r.proof, root: 'f'.repeat(64) } }, signer.publicKey)).toBe(false)
    expect(verifyReceipt({ ...r, signature: batch[0]!.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, signer.publicKey)).toBe(false)
  })

  it('refuses a key that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    expect(() => createSigner(ecdsa)).toThrow(/Ed25519/)
  })
})
