import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { ReceiptProof } from '@consentry/shared'
import { sha256Hex } from './canonical'
import { batchProofs, rootFromProof } from './merkle'
import type { RecordStore } from '../db/store'
import { workerFile } from '../workers/worker-file'

/** The receipt-signing key in use. */
export interface Signer {
  keyId: string
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string
  /** Ed25519 signature (base64url) over the UTF-8 bytes of a message. */
  sign(message: string): string
  /** The same for many messages, computed on a worker thread so the request thread stays free. */
  signMany(messages: string[]): Promise<string[]>
  /** Stops the worker thread, if one was started. */
  close(): Promise<void>
}

/** A request to the signing thread (`signing-thread.ts`) and its answer. */
export interface SignRequest {
  id: number
  messages: string[]
}
export interface SignAnswer {
  id: number
  signatures: string[]
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
  const signOne = (message: string) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url')
  let worker: Worker | null = null
  let nextId = 0
  const waiting = new Map<number, (signatures: string[]) => void>()
  const startWorker = () => {
    const w = new Worker(workerFile('signing'), { workerData: pkcs8Base64 })
    w.on('message', ({ id, signatures }: SignAnswer) => {
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
    signMany(messages) {
      if (messages.length === 0) return Promise.resolve([])
      worker ??= startWorker()
      const id = nextId++
      pending.set(id, messages)
      return new Promise((resolve) => {
        waiting.set(id, (signatures) => {
          pending.delete(id)
          resolve(signatures)
        })
        worker!.postMessage({ id, messages } satisfies SignRequest)
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

/** What a receipt signature covers: the batch's Merkle root and size, under a versioned label. */
export function receiptMessage(proof: Pick<ReceiptProof, 'treeSize' | 'root'>): string {
  return `consentry-receipts/1:${proof.treeSize}:${proof.root}`
}

/** A receipt's signature and proof, without the record fields. */
export interface SignedProof {
  signature: string
  proof: ReceiptProof
}

/**
 * Signs a committed batch: one Ed25519 signature over its Merkle root, and each record's inclusion proof.
 * A signature per record would cost a large share of a write's CPU; one per batch costs little per record, and
 * the tree adds two SHA-256 per record.
 */
export function signBatch(signer: Pick<Signer, 'sign'>, recordHashes: readonly string[]): SignedProof[] {
  const proofs = batchProofs(recordHashes)
  if (proofs.length === 0) return []
  const signature = signer.sign(receiptMessage(proofs[0]!))
  return proofs.map((proof) => ({ signature, proof }))
}

/** Receipts for records signed one by one (a batch of one each), on the signer's worker thread. */
export async function signEach(signer: Pick<Signer, 'signMany'>, recordHashes: readonly string[]): Promise<SignedProof[]> {
  const proofs = recordHashes.map((h) => batchProofs([h])[0]!)
  const signatures = await signer.signMany(proofs.map(receiptMessage))
  return proofs.map((proof, i) => ({ signature: signatures[i]!, proof }))
}

/**
 * Checks a receipt against a raw base64url public key, as any third party would: the proof must lead from the
 * record hash to its root, and the signature must cover that root and the batch size.
 */
export function verifyReceipt(receipt: { hash: string; signature: string; proof: ReceiptProof }, publicKey: string): boolean {
  const { hash, signature, proof } = receipt
  if (!/^[0-9a-f]{64}$/.test(hash) || rootFromProof(hash, proof) !== proof.root) return false
  return verifyMessage(receiptMessage(proof), signature, publicKey)
}

/** Whether `signature` (base64url) is the Ed25519 signature of `message` under a raw base64url public key. */
export function verifyMessage(message: string, signature: string, publicKey: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
  return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'))
}

/**
 * The signer in use: `configured` (PKCS8 base64, from `CONSENTRY_SIGNING_KEY`) when given, else the key kept
 * in the database, generated and stored on first start so receipts stay verifiable across restarts.
 */
export async function loadSigner(store: RecordStore, configured?: string): Promise<Signer> {
  if (configured) return createSigner(configured)
  const existing = await store.getSigningKey()
  if (existing) return createSigner(existing.privateKey)
  const pkcs8 = generateSigningKey()
  const signer = createSigner(pkcs8)
  const kept = await store.ensureSigningKey({ id: signer.keyId, privateKey: pkcs8, publicKey: signer.publicKey, createdAt: Date.now() })
  return createSigner(kept.privateKey)
}
