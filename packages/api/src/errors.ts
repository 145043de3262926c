import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { errorFields, isClientAbort, logLine, type RequestContext } from './log'

/** Every error the API returns, and its HTTP status: the one table. */
const STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  site_not_found: 404,
  config_not_published: 404,
  config_version_not_found: 404,
  site_has_records: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  visitor_daily_cap_reached: 429,
  internal_error: 500,
  banner_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof STATUS

const MESSAGES: Record<ErrorCode, string> = {
  invalid_input: 'The request is invalid.',
  unauthorized: 'A valid API key is required (Authorization: Bearer <key>).',
  forbidden: 'This API key may not access this site.',
  origin_not_allowed: 'This origin is not allowed for this site.',
  not_found: 'No such resource.',
  site_not_found: 'No such site.',
  config_not_published: 'This site has no published configuration.',
  config_version_not_found: 'No such configuration version for this site.',
  site_has_records: 'This site still holds consent records within their retention; they are proof and are kept.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The request body must be JSON (Content-Type: application/json).',
  rate_limited: 'Too many requests; retry later.',
  visitor_daily_cap_reached: 'This visitor id reached the most records a site keeps for it in one day; retry tomorrow.',
  internal_error: 'Something went wrong on our side.',
  banner_unavailable: 'The banner bundle has not been built.',
}

/** The API's one error class: a closed code, an optional message and details (field issues). */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? MESSAGES[code])
    this.name = 'ApiError'
    this.status = STATUS[code]
  }

  /** The `{ error: { code, message, details } }` body. */
  toBody(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } }
  }
}

/**
 * An unexpected failure: one JSON log line with its (redacted) stack, answered as a bare 500 that reveals nothing.
 * A client that hung up is not one: no line here (the request log, when on, has its one line), and a 400 nobody
 * will read.
 */
export function internalError(cause: unknown, context: RequestContext = {}): ApiError {
  if (isClientAbort(cause)) return new ApiError('invalid_input', 'The client closed the request.')
  logLine('error', 'internal_error', { ...context, status: 500 }, errorFields(cause))
  return new ApiError('internal_error')
}

/**
 * Any thrown value as the error the API answers with, for the app's error handler and the write fast path alike:
 * unknown errors become a logged 500; the framework's own 4xx (malformed JSON, too large) keep their status.
 */
export function toApiError(err: unknown, context: RequestContext = {}): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof HTTPException && err.status === 400) return invalidBody(err.message)
  if (err instanceof HTTPException && err.status === 413) return new ApiError('payload_too_large')
  return internalError(err, context)
}

/** A 400 about the body as a whole (not JSON, say), named `(body)` in the details like a field. */
export function invalidBody(message: string): ApiError {
  return new ApiError('invalid_input', message, [{ path: '(body)', message }])
}
