import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { sha256Hex } from './canonical'
import type { ConsentStore } from '../db/store'

/** The receipt-signing key in use. */
export interface Signer {
  keyId: string
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string
  /** Ed25519 signature (base64url) over the UTF-8 bytes of a record hash. */
  sign(hash: string): string
  /** The same for a whole batch, computed on a worker thread so the request thread stays free. */
  signMany(hashes: string[]): Promise<string[]>
  /** Stops the worker thread, if one was started. */
  close(): Promise<void>
}

// Plain CommonJS so it runs as an eval'd worker from the sources (tests) and from the bundle alike.
const SIGNING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createPrivateKey, sign } = require('node:crypto')
const key = createPrivateKey({ key: Buffer.from(workerData, 'base64'), format: 'der', type: 'pkcs8' })
parentPort.on('message', ({ id, hashes }) => {
  parentPort.postMessage({ id, signatures: hashes.map((h) => sign(null, Buffer.from(h, 'utf8'), key).toString('base64url')) })
})
`

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
  const signOne = (hash: string) => sign(null, Buffer.from(hash, 'utf8'), privateKey).toString('base64url')
  let worker: Worker | null = null
  let nextId = 0
  const waiting = new Map<number, (signatures: string[]) => void>()
  const startWorker = () => {
    const w = new Worker(SIGNING_WORKER, { eval: true, workerData: pkcs8Base64 })
    w.on('message', ({ id, signatures }: { id: number; signatures: string[] }) => {
      waiting.get(id)?.(signatures)
      waiting.delete(id)
    })
    w.on('error', () => {
      // Fall back to signing inline: a receipt must never be lost to a worker failure.
      worker = null
      for (const [id, resolve] of waiting) resolve(pending.get(id)!.map(signOne))
      waiting.clear()
    })
    w.unref()
    return w
  }
  const pending = new Map<number, string[]>()
  return {
    keyId: `key_${sha256Hex(publicKey).slice(0, 16)}`,
    publicKey,
    sign: signOne,
    signMany(hashes) {
      if (hashes.length === 0) return Promise.resolve([])
      worker ??= startWorker()
      const id = nextId++
      pending.set(id, hashes)
      return new Promise((resolve) => {
        waiting.set(id, (signatures) => {
          pending.delete(id)
          resolve(signatures)
        })
        worker!.postMessage({ id, hashes })
      })
    },
    async close() {
      await worker?.terminate()
      worker = null
    },
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
