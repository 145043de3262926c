import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { sha256Hex } from './canonical'
import type { ConsentStore } from '../db/store'

/** The receipt-signing key in use. */
export interface Signer {
  keyId: string
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string
  /** Ed25519 signature (base64url) over the UTF-8 bytes of a record hash. */
  sign(hash: string): string
}

/** A freshly generated Ed25519 key, PKCS8 DER base64 (the format of `CONSENTRY_SIGNING_KEY`). */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519')
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
}

/** Builds a signer from a PKCS8 base64 private key. The key id is `key_` + the public key's SHA-256 prefix. */
export function createSigner(pkcs8Base64: string): Signer {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' })
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 key (PKCS8, base64)')
  const publicKey = rawPublicKey(createPublicKey(privateKey))
  return {
    keyId: `key_${sha256Hex(publicKey).slice(0, 16)}`,
    publicKey,
    sign: (hash) => sign(null, Buffer.from(hash, 'utf8'), privateKey).toString('base64url'),
  }
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' })
  if (!jwk.x) throw new Error('not an Ed25519 public key')
  return jwk.x
}

/** Checks a receipt signature against a raw base64url public key, as any third party would. */
export function verifyReceipt(hash: string, signature: string, publicKey: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
  return verify(null, Buffer.from(hash, 'utf8'), key, Buffer.from(signature, 'base64url'))
}

/**
 * The signer in use: `configured` (PKCS8 base64, from `CONSENTRY_SIGNING_KEY`) when given, else the key kept
 * in the database, generated and stored on first start so receipts stay verifiable across restarts.
 */
export async function loadSigner(store: ConsentStore, configured?: string): Promise<Signer> {
  if (configured) return createSigner(configured)
  const existing = await store.getSigningKey()
  if (existing) return createSigner(existing.privateKey)
  const pkcs8 = generateSigningKey()
  const signer = createSigner(pkcs8)
  const kept = await store.ensureSigningKey({ id: signer.keyId, privateKey: pkcs8, publicKey: signer.publicKey, createdAt: Date.now() })
  return createSigner(kept.privateKey)
}
