import { describe, expect, it } from 'vitest'
import type { ConsentReceipt } from '@consentry/shared'
import { newRecordId } from './ids'
import { sha256Hex } from './canonical'
import { receiptJson } from './receipt-json'
import { createSigner, generateSigningKey, signBatch } from './signing'

describe('receiptJson', () => {
  it('writes the same text as JSON.stringify for receipts of every batch size', () => {
    const signer = createSigner(generateSigningKey())
    let checked = 0
    for (let size = 1; size <= 40; size++) {
      const hashes = Array.from({ length: size }, (_, i) => sha256Hex(`${size}:${i}`))
      signBatch(signer, hashes).forEach(({ signature, proof }, i) => {
        const receipt: ConsentReceipt = { id: newRecordId(), receivedAt: Date.now() + i, hash: hashes[i]!, signature, keyId: signer.keyId, proof }
        expect(receiptJson(receipt)).toBe(JSON.stringify(receipt))
        checked++
      })
    }
    expect(checked).toBe((40 * 41) / 2)
  })
})
