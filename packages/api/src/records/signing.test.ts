import { describe, expect, it } from 'vitest'
import { createSigner, generateSigningKey, verifyReceipt } from './signing'

describe('createSigner', () => {
  it('signs batches on the worker thread with the same key as inline signing', async () => {
    const signer = createSigner(generateSigningKey())
    try {
      const hashes = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]
      const signatures = await signer.signMany(hashes)
      expect(signatures).toEqual(hashes.map((h) => signer.sign(h)))
      hashes.forEach((h, i) => expect(verifyReceipt(h, signatures[i]!, signer.publicKey)).toBe(true))
      expect(verifyReceipt('d'.repeat(64), signatures[0]!, signer.publicKey)).toBe(false)
    } finally {
      await signer.close()
    }
  })

  it('refuses a key that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    expect(() => createSigner(ecdsa)).toThrow(/Ed25519/)
  })
})
