import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'

/**
 * The headers Hono's `secureHeaders()` sets by default, with a `default-src 'none'` CSP and a cross-origin
 * resource policy (pages on other sites load our script and config). Set before the handler runs, so they join
 * the response as it is built: measured, `secureHeaders()` edits the finished response instead, which cost more
 * CPU than the rest of a cached config read. A test checks the values against `secureHeaders()` itself.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
]

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value)
    await next()
  }
}
