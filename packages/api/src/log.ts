import { randomUUID } from 'node:crypto'
import { isIP } from 'node:net'

/** Where a log line comes from: the request it is about, without anything that identifies the visitor. */
export interface RequestContext {
  /** The client's `X-Request-Id` when it is a plain token, else one made up for this line. */
  requestId?: string | undefined
  method?: string | undefined
  /** The route pattern (`/v1/sites/:siteId/config`) or the path without its query string. */
  route?: string | undefined
  status?: number | undefined
  /** Start of the request (`performance.now()`), turned into `durationMs`. */
  startedAt?: number | undefined
}

type Level = 'info' | 'warn' | 'error'

/**
 * Writes one JSON line (`{ time, level, event, requestId, method, route, status, durationMs, … }`) to stdout
 * (info) or stderr. Free text is passed through `redact`, so a log never keeps visitor ids, addresses or e-mails.
 */
export function logLine(level: Level, event: string, context: RequestContext = {}, fields: Record<string, unknown> = {}): void {
  const { startedAt, requestId, route, ...rest } = context
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    ...(requestId !== undefined || route !== undefined ? { requestId: requestIdOf(requestId) } : {}),
    ...(route === undefined ? {} : { route: redact(route) }),
    ...rest,
    ...(startedAt === undefined ? {} : { durationMs: Math.round((performance.now() - startedAt) * 10) / 10 }),
    ...fields,
  })
  ;(level === 'info' ? process.stdout : process.stderr).write(`${line}\n`)
}

/** An unexpected error as log fields: its name, code, message and stack, redacted. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: { message: redact(String(error)) } }
  const code = (error as { code?: unknown }).code
  return {
    error: {
      name: error.name,
      ...(typeof code === 'string' ? { code } : {}),
      message: redact(error.message),
      stack: redact(error.stack?.split('\n').slice(1).join('\n') ?? ''),
    },
  }
}

/** A client that hung up mid-request (aborted upload, reset socket): its own doing, not a server error. */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return (
    code === 'ECONNRESET' ||
    code === 'ECONNABORTED' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    error.name === 'AbortError' ||
    error.message === 'aborted'
  )
}

const REDACTIONS: [RegExp, string][] = [
  [/\b[0-9a-f]{32}\b/gi, '[id]'], // visitor ids
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/([?&][^=&#\s]+=)[^&#\s]*/g, '$1…'], // query values (visitorId=, externalUserId=, …)
  [/\((?:[^()]*)\)=\((?:[^()]*)\)/g, '(…)=(…)'], // PostgreSQL "Key (col)=(value)" details
]

/** Text with visitor ids, addresses, e-mails, query values and database key values replaced. */
export function redact(text: string): string {
  // Any run of hex digits, dots and colons that is an IPv4 or IPv6 address.
  let out = text.replace(/[0-9a-f.:]{3,}/gi, (token) => (isIP(token.replace(/^:(?!:)|[.:]$/g, '')) ? '[ip]' : token))
  for (const [re, by] of REDACTIONS) out = out.replace(re, by)
  return out
}

function requestIdOf(given: string | undefined): string {
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID()
}
