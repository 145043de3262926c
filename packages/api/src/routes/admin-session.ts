import { CONSOLE_SIGNED_IN_COOKIE } from '@consentry/shared'
import { sessionCreateSchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppContext, AppEnv } from '../context'
import type { ApiKeyRow } from '../db/store'
import { ApiError } from '../errors'
import { liveKey, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../middleware/admin-auth'
import { sha256Hex } from '../records/canonical'
import type { Session } from '../sessions/session-store'
import { operation, ok } from '../openapi'
import { validate } from '../validate'

/**
 * Console sessions (under `/v1/admin`): sign in with an admin key or a one-time link, who am I, sign out, and
 * minting a one-time sign-in link. The cookie is HttpOnly and SameSite=Strict, and Secure over HTTPS.
 */
export function adminSessionRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .post(
      '/session',
      operation(
        'Console sign-in with an admin key or a one-time link token (no bearer key needed): sets an HttpOnly, SameSite=Strict session cookie (Secure over HTTPS) beside a readable consentry_signed_in=1 flag (no credential; the console checks it before asking for its session), and returns the CSRF token that cookie-authenticated changes send as X-Consentry-CSRF. Attempts are rate-limited per client.',
        { 201: ok('Session'), 429: ok('Too many attempts (Retry-After)') },
      ),
      async (c, next) => {
        // Another site's page may not sign a browser in (login CSRF). Fetch metadata says where a request came from
        // whatever a proxy does to Host; browsers without it still need a JSON body, which a cross-site form cannot send.
        const site = c.req.header('sec-fetch-site')
        if (site && site !== 'same-origin' && site !== 'none') throw new ApiError('forbidden', 'Sign in from the console itself.')
        // Counted before the body is read, so guessing keys costs the same whatever is sent.
        const wait = ctx.signInLimiter.take(clientAddress(ctx, c))
        if (wait > 0) throw new ApiError('rate_limited', 'Too many sign-in attempts; retry later.', undefined, { 'Retry-After': String(wait) })
        return next()
      },
      validate('json', sessionCreateSchema),
      async (c) => {
        const input = c.req.valid('json')
        const secretHash = 'key' in input ? sha256Hex(input.key) : ctx.sessions.redeemLink(input.token)
        if (!secretHash) throw new ApiError('unauthorized', 'This sign-in link is unknown, used or expired.')
        const key = await liveKey(ctx, secretHash)
        const { cookie, session } = ctx.sessions.open(key)
        const secure = isHttps(ctx, c)
        const lasting = { sameSite: 'Strict', secure, path: '/', maxAge: Math.floor(ctx.sessions.options.absoluteMs / 1000) } as const
        setCookie(c, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, cookie, { ...lasting, httpOnly: true })
        setCookie(c, CONSOLE_SIGNED_IN_COOKIE, '1', lasting)
        return c.json(sessionView(key, session, ctx), 201)
      },
    )
    .get('/session', operation('The current console session: key, scope, CSRF token, expiry.', { 200: ok('Session') }), (c) => {
      const current = c.get('session')
      if (!current) throw new ApiError('not_found', 'This request is not signed in with a session (it used a bearer key).')
      return c.json(sessionView(c.get('apiKey'), current.session, ctx))
    })
    .delete('/session', operation('Sign out: ends the session and clears its cookie and the signed-in flag.', { 204: ok('Signed out') }), (c) => {
      const current = c.get('session')
      if (current) ctx.sessions.close(current.cookie)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      deleteCookie(c, SECURE_SESSION_COOKIE, { path: '/', secure: true })
      deleteCookie(c, CONSOLE_SIGNED_IN_COOKIE, { path: '/' })
      return c.body(null, 204)
    })
    .post('/session/links', operation('A one-time console sign-in link (15 minutes) for the calling key.', { 201: ok('{ token, expiresAt, path }') }), (c) => {
      const key = c.get('apiKey')
      const { token, expiresAt } = ctx.sessions.mintLink(key)
      return c.json({ token, expiresAt, path: `/admin/#signin=${token}` }, 201)
    })
}

function sessionView(key: ApiKeyRow, session: Session, ctx: AppContext) {
  return {
    keyId: key.id,
    label: key.label,
    siteIds: key.siteIds,
    csrfToken: session.csrfToken,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    idleTimeoutMs: ctx.sessions.options.idleMs,
  }
}

function clientAddress(ctx: AppContext, c: Context<AppEnv>): string {
  // The same reading of X-Forwarded-For as public writes (the hop a trusted proxy appended, not the client's own).
  return ctx.clientAddress(c.env?.incoming?.socket.remoteAddress, c.req.header('x-forwarded-for')) ?? 'unknown'
}

function isHttps(ctx: AppContext, c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return Boolean(ctx.deps.trustProxy) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}
