// Checks a Consentry receipt in the browser, as any third party can, with nothing but the public key from
// GET /v1/keys: the RFC 9162 inclusion proof must lead from the record hash to the signed root, and the Ed25519
// signature must cover `consentry-receipts/1:<treeSize>:<root>`.
import type { Receipt } from './types'

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16))
const bytesHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
function b64urlBytes(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  return Uint8Array.from(atob(b64 + '==='.slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0))
}

async function treeHash(prefix: number, ...parts: Uint8Array[]): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0))
  buf[0] = prefix
  let at = 1
  for (const p of parts) {
    buf.set(p, at)
    at += p.length
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf))
}

/** The Merkle root a proof leads to from a record hash (RFC 9162 §2.1.3.2), or null when malformed. */
export async function rootFromProof(recordHash: string, proof: Receipt['proof']): Promise<string | null> {
  const { treeSize, leafIndex, path } = proof
  if (!/^[0-9a-f]{64}$/.test(recordHash) || !Number.isSafeInteger(treeSize) || !Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize)
    return null
  let fn = leafIndex
  let sn = treeSize - 1
  let r = await treeHash(0, hexBytes(recordHash))
  for (const hex of path) {
    if (sn === 0 || !/^[0-9a-f]{64}$/.test(hex)) return null
    const p = hexBytes(hex)
    if (fn % 2 === 1 || fn === sn) {
      r = await treeHash(1, p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      r = await treeHash(1, r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 ? bytesHex(r) : null
}

export type ReceiptVerdict = { valid: true } | { valid: false; reason: string }

/** Verifies a receipt against an Ed25519 public key (base64url `x` of its JWK). */
export async function checkReceipt(receipt: Receipt, publicKey: string): Promise<ReceiptVerdict> {
  const root = await rootFromProof(receipt.hash, receipt.proof)
  if (root === null || root !== receipt.proof.root) return { valid: false, reason: 'The inclusion proof does not lead to the signed root.' }
  let key: CryptoKey
  try {
    key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: publicKey }, { name: 'Ed25519' }, false, ['verify'])
  } catch {
    return { valid: false, reason: 'This browser cannot check Ed25519 signatures.' }
  }
  const message = new TextEncoder().encode(`consentry-receipts/1:${receipt.proof.treeSize}:${receipt.proof.root}`)
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, b64urlBytes(receipt.signature) as BufferSource, message)
  return ok ? { valid: true } : { valid: false, reason: 'The signature does not match the API’s public key.' }
}
