// The console's only way to the server: the documented admin API, with the session cookie and its CSRF token.

/** One invalid field, as the API names it. */
export interface FieldIssue {
  path: string
  message: string
}

/** An error answer of the API: its code, message and field issues. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message)
  }
  /** The field issues of a 400, when the details list them. */
  get issues(): FieldIssue[] {
    return Array.isArray(this.details) ? (this.details as FieldIssue[]) : []
  }
}

let csrfToken = ''
const signedOutListeners = new Set<() => void>()

/** Remembers the session's CSRF token (sent on every request that changes something). */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Called when the API says the session ended (expired, signed out elsewhere, key revoked). */
export function onSignedOut(fn: () => void): () => void {
  signedOutListeners.add(fn)
  return () => signedOutListeners.delete(fn)
}

/** Calls the admin API; resolves with the JSON body (undefined for 204) or throws an `ApiFailure`. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-consentry-csrf'] = csrfToken
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  if (res.status === 204) return undefined as T
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null
  if (!res.ok) {
    const error = json?.error ?? { code: 'http_error', message: `HTTP ${res.status}` }
    if (res.status === 401 && path !== '/v1/admin/session') for (const fn of signedOutListeners) fn()
    throw new ApiFailure(res.status, error.code, error.message, error.details)
  }
  return json as T
}

/** A query string from the set values of an object. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}
