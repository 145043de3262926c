import type { Context } from 'hono'
import type { AppEnv } from '../context'

/**
 * A request header by lower-case name. On Node it reads the socket's plain header object: measured, the first
 * `c.req.header()` call builds a WHATWG `Headers` of every header, a large share of a cached config read.
 * Repeated headers come joined by `, ` either way.
 */
export function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  return headerOf(c.req.raw, c.env, name)
}

/** `requestHeader` before there is a Context (the fast path in front of the router). */
export function headerOf(req: Request, env: AppEnv['Bindings'] | undefined, name: string): string | undefined {
  const incoming = env?.incoming
  if (!incoming) return req.headers.get(name) ?? undefined
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
