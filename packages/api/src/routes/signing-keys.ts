import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { allowAnyOrigin } from '../middleware/cors'
import { ok, operation } from '../openapi'

const KEYS_SUMMARY =
  'Public Ed25519 key(s) that verify receipts (signature over the Merkle root of the batch a record was committed in; the receipt carries the inclusion proof).'

/** `GET /v1/keys`: the Ed25519 public key that verifies receipts (see `verifyReceipt`). */
export function signingKeyRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get('/v1/keys', operation(KEYS_SUMMARY, { 200: ok('Keys') }), (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    allowAnyOrigin(c)
    const { keyId, publicKey } = ctx.signer
    return c.json({
      keys: [{ keyId, algorithm: 'Ed25519', publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey, kid: keyId, use: 'sig' } }],
      signs:
        'the UTF-8 bytes of `consentry-receipts/1:<proof.treeSize>:<proof.root>`; proof.root is the RFC 9162 Merkle root reached from SHA-256(0x00 || hash bytes) along proof.path',
    })
  })
}
