import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

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

/** An unexpected failure: logged with its stack, answered as a bare 500 that reveals nothing. */
export function internalError(cause: unknown): ApiError {
  console.error(cause)
  return new ApiError('internal_error')
}

/**
 * Any thrown value as the error the API answers with, for the app's error handler and the write fast path alike:
 * unknown errors become a logged 500; the framework's own 4xx (malformed JSON, too large) keep their status.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof HTTPException && err.status === 400) return invalidBody(err.message)
  if (err instanceof HTTPException && err.status === 413) return new ApiError('payload_too_large')
  return internalError(err)
}

/** A 400 about the body as a whole (not JSON, say), named `(body)` in the details like a field. */
export function invalidBody(message: string): ApiError {
  return new ApiError('invalid_input', message, [{ path: '(body)', message }])
}
