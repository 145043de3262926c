import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'

/** `GET /v1/keys`: the Ed25519 public key that verifies receipts (signature over the UTF-8 bytes of `hash`). */
export function keyRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get('/v1/keys', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('Access-Control-Allow-Origin', '*')
    const { keyId, publicKey } = ctx.signer
    return c.json({
      keys: [{ keyId, algorithm: 'Ed25519', publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey, kid: keyId, use: 'sig' } }],
      signs: 'the UTF-8 bytes of the receipt hash (64 hex characters)',
    })
  })
}
