import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'

/**
 * On every response: the headers the OWASP REST Security Cheat Sheet lists for API responses. The others of
 * Hono's `secureHeaders()` defaults only act on what a browser renders or runs (they are sent with the docs
 * page and the banner script, below); on JSON they cost bytes at both ends and protect nothing. On a bare echo,
 * sending all twelve took a large share off its throughput, server and load generator alike.
 * Set before the handler runs, so they join the response as it is built (`secureHeaders()` edits the finished
 * response instead, which cost more CPU than the rest of a cached config read). A route with its own cache
 * policy replaces `Cache-Control`.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cache-Control', 'no-store'],
]

/**
 * Added to responses a browser renders or runs (the docs page, scripts): the rest of `secureHeaders()`'s defaults,
 * with a cross-origin resource policy, because pages on other sites load our script (a test checks the values).
 */
export const DOCUMENT_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
]

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value)
    await next()
  }
}

/** Adds the document headers to a response that a browser renders or runs. */
export function documentHeaders(c: Context): void {
  for (const [name, value] of DOCUMENT_SECURITY_HEADERS) c.header(name, value)
}
