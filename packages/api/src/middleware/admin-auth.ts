import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppContext, AppEnv } from '../context'
import type { ApiKeyRow, SiteRow } from '../db/store'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { newId } from '../records/ids'
import { csrfMatches } from '../sessions/session-store'

/** A new admin key: the secret is shown once; only its SHA-256 is stored. */
export function newApiKey(label: string, siteIds: string[] | null): { secret: string; row: ApiKeyRow } {
  const secret = `csk_${randomBytes(24).toString('base64url')}`
  return { secret, row: { id: newId('key'), secretHash: sha256Hex(secret), label, siteIds, createdAt: Date.now(), revokedAt: null } }
}

/** The console's session cookie: `__Host-` prefixed (Secure, whole host) when served over HTTPS. */
export const SESSION_COOKIE = 'consentry_session'
export const SECURE_SESSION_COOKIE = '__Host-consentry_session'
/** The header a cookie-authenticated unsafe request must carry, holding the session's CSRF token. */
export const CSRF_HEADER = 'x-consentry-csrf'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * `Authorization: Bearer <key>`, or the console's session cookie (plus the CSRF header on unsafe methods):
 * 401 when missing, unknown, expired or revoked; 403 when the CSRF token is missing or wrong. `POST /v1/admin/session`
 * (signing in) is the one admin route open without either.
 */
export function adminAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'POST' && c.req.path === '/v1/admin/session') return next()
    const header = c.req.header('authorization')
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header)
      if (!match) throw unauthorized()
      c.set('apiKey', await liveKey(ctx, sha256Hex(match[1]!)))
      return next()
    }
    const cookie = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE)
    const session = cookie ? ctx.sessions.use(cookie) : undefined
    if (!cookie || !session) throw unauthorized(cookie ? 'The session has ended; sign in again.' : undefined)
    const key = await liveKey(ctx, session.keySecretHash).catch((error: unknown) => {
      ctx.sessions.close(cookie)
      throw error
    })
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
      throw new ApiError('forbidden', `A signed-in request that changes something needs the ${CSRF_HEADER} header from the session.`)
    }
    c.set('apiKey', key)
    c.set('session', { cookie, session })
    return next()
  }
}

const unauthorized = (message?: string) => new ApiError('unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' })

/** The key with this secret hash, unless unknown or revoked (401). */
export async function liveKey(ctx: AppContext, secretHash: string): Promise<ApiKeyRow> {
  const key = await ctx.store.findApiKeyBySecretHash(secretHash)
  if (!key || key.revokedAt !== null) throw unauthorized('This API key is unknown or revoked.')
  return key
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
