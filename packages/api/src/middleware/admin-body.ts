import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'
import { ApiError, invalidBody } from '../errors'
import { JSON_TYPE } from './json-body'
import { requestHeader } from './request-header'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Admin bodies are JSON in UTF-8: another media type is 415, and bytes that are not UTF-8 are 400 (a lenient
 * decoder would store U+FFFD in their place). Requests without a body (a purge, a rotation) pass.
 */
export function adminJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.body === null) return next()
    // Read once here (Hono caches it for the validators), and decoded strictly.
    const bytes = await c.req.arrayBuffer()
    if (bytes.byteLength === 0) return next()
    const type = (requestHeader(c, 'content-type') ?? '').split(';')[0]!.trim()
    if (!JSON_TYPE.test(type)) throw new ApiError('unsupported_media_type', `The body must be JSON (Content-Type: application/json), not ${type || 'untyped'}.`)
    try {
      strictUtf8.decode(bytes)
    } catch {
      throw invalidBody('The body is not valid UTF-8.')
    }
    await next()
  }
}
