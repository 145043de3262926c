import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import type { ApiKeyRow } from '../db/store'
import { requireAllSites } from '../middleware/admin-auth'
import { operation, ok } from '../openapi'

/** `GET /v1/admin/keys` (under `/v1/admin`): every key, without secrets (creating and revoking are in admin-sites). */
export function adminKeyRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get(
    '/keys',
    operation('List admin keys (all-sites key): label, scope, creation and revocation; never secrets.', { 200: ok('{ keys }') }),
    async (c) => {
      requireAllSites(c)
      const current = c.get('apiKey').id
      return c.json({ keys: (await ctx.store.listApiKeys()).map((k) => keyView(k, current)) })
    },
  )
}

/** A key as the API shows it: never its secret or hash. */
export function keyView(k: ApiKeyRow, currentKeyId?: string) {
  return { id: k.id, label: k.label, siteIds: k.siteIds, createdAt: k.createdAt, revokedAt: k.revokedAt, current: k.id === currentKeyId }
}
