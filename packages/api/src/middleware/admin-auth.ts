import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppContext, AppEnv } from '../context'
import type { ApiKeyRow, SiteRow } from '../db/store'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { newId } from '../records/ids'

/** A new admin key: the secret is shown once; only its SHA-256 is stored. */
export function newApiKey(label: string, siteIds: string[] | null): { secret: string; row: ApiKeyRow } {
  const secret = `csk_${randomBytes(24).toString('base64url')}`
  return { secret, row: { id: newId('key'), secretHash: sha256Hex(secret), label, siteIds, createdAt: Date.now(), revokedAt: null } }
}

/** `Authorization: Bearer <key>`: 401 when missing, unknown or revoked. */
export function adminAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) throw new ApiError('unauthorized', undefined, undefined, { 'WWW-Authenticate': 'Bearer' })
    const key = await ctx.store.findApiKeyBySecretHash(sha256Hex(match[1]!))
    if (!key || key.revokedAt !== null) throw new ApiError('unauthorized', 'This API key is unknown or revoked.', undefined, { 'WWW-Authenticate': 'Bearer' })
    c.set('apiKey', key)
    await next()
  }
}

/** The site, when the request's key is scoped to it: 403 otherwise (checked first, so ids do not leak), 404 when absent. */
export async function siteInScope(ctx: AppContext, c: Context<AppEnv>, siteId: string): Promise<SiteRow> {
  const key = c.get('apiKey')
  if (key.siteIds !== null && !key.siteIds.includes(siteId)) throw new ApiError('forbidden')
  const site = await ctx.store.getSite(siteId)
  if (!site) throw new ApiError('site_not_found')
  return site
}

/** Only all-sites keys may create sites and keys. */
export function requireAllSites(c: Context<AppEnv>): void {
  if (c.get('apiKey').siteIds !== null) throw new ApiError('forbidden', 'This action needs a key for all sites.')
}
