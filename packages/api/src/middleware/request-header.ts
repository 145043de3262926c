import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import type { AppEnv } from '../context'

/**
 * A request header by lower-case name. On Node it reads the socket's plain header object: measured, the first
 * `c.req.header()` call builds a WHATWG `Headers` of every header, a large share of a cached config read.
 * Repeated headers come joined by `, ` either way.
 */
export function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = c.env?.incoming
  return incoming ? incomingHeader(incoming, name) : c.req.header(name)
}

/** `requestHeader` on Node, before there is a Context (the listener in front of the app). */
export function incomingHeader(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
