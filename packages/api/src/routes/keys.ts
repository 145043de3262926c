import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'

/** `GET /v1/keys`: the Ed25519 public key that verifies receipts (see `verifyReceipt`). */
export function keyRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get('/v1/keys', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('Access-Control-Allow-Origin', '*')
    const { keyId, publicKey } = ctx.signer
    return c.json({
      keys: [{ keyId, algorithm: 'Ed25519', publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey, kid: keyId, use: 'sig' } }],
      signs: 'the UTF-8 bytes of `consentry-receipts/1:<proof.treeSize>:<proof.root>`; proof.root is the RFC 9162 Merkle root reached from SHA-256(0x00 || hash bytes) along proof.path',
    })
  })
}
