import { createPrivateKey, sign } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import type { SignAnswer, SignRequest } from './signing'

// The body of the signing thread (bundled to workers/signing.mjs): Ed25519 signatures off the request thread.

const key = createPrivateKey({ key: Buffer.from(workerData as string, 'base64'), format: 'der', type: 'pkcs8' })
const port = parentPort!
port.on('message', ({ id, messages }: SignRequest) => {
  port.postMessage({ id, signatures: messages.map((m) => sign(null, Buffer.from(m, 'utf8'), key).toString('base64url')) } satisfies SignAnswer)
})
