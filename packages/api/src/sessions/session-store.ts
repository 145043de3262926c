import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { ApiKeyRow } from '../db/store'
import { sha256Hex } from '../records/canonical'

/** How long console sessions and sign-in links live. */
export interface SessionOptions {
  /** A session unused this long ends. Default 30 minutes. */
  idleMs: number
  /** A session ends this long after sign-in, used or not. Default 12 hours. */
  absoluteMs: number
  /** A one-time sign-in link is good this long. Default 15 minutes. */
  linkMs: number
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, linkMs: 15 * 60_000 }

/** What a session knows: the key it was opened with (by hash, so revoking the key ends it) and its CSRF token. */
export interface Session {
  keyId: string
  keySecretHash: string
  csrfToken: string
  createdAt: number
  lastSeenAt: number
  expiresAt: number
}

const token = () => randomBytes(32).toString('base64url')

/**
 * Console sessions and one-time sign-in links, in memory: a restart signs everyone out (they sign in again with
 * their key). Only SHA-256 hashes of the cookie values and link tokens are held, like API keys in the database.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private readonly links = new Map<string, { keySecretHash: string; keyId: string; expiresAt: number }>()
  constructor(readonly options: SessionOptions = DEFAULT_SESSION_OPTIONS) {}

  /** Opens a session for a key; returns the cookie value (shown to the browser only) and the session. */
  open(key: Pick<ApiKeyRow, 'id' | 'secretHash'>, now = Date.now()): { cookie: string; session: Session } {
    this.sweep(now)
    const cookie = token()
    const session: Session = {
      keyId: key.id,
      keySecretHash: key.secretHash,
      csrfToken: token(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.options.absoluteMs,
    }
    this.sessions.set(sha256Hex(cookie), session)
    return { cookie, session }
  }

  /** The live session for a cookie value, its idle clock restarted; undefined when unknown or expired. */
  use(cookie: string, now = Date.now()): Session | undefined {
    const id = sha256Hex(cookie)
    const session = this.sessions.get(id)
    if (!session) return undefined
    if (now >= session.expiresAt || now - session.lastSeenAt >= this.options.idleMs) {
      this.sessions.delete(id)
      return undefined
    }
    session.lastSeenAt = now
    return session
  }

  close(cookie: string): void {
    this.sessions.delete(sha256Hex(cookie))
  }

  /** Ends every session opened with a key (called when the key is revoked). */
  closeKey(keyId: string): number {
    let n = 0
    for (const [id, s] of this.sessions) if (s.keyId === keyId && this.sessions.delete(id)) n++
    for (const [id, l] of this.links) if (l.keyId === keyId) this.links.delete(id)
    return n
  }

  /** A token for a one-time sign-in link, good once within `linkMs`. */
  mintLink(key: Pick<ApiKeyRow, 'id' | 'secretHash'>, now = Date.now()): { token: string; expiresAt: number } {
    this.sweep(now)
    const value = token()
    const expiresAt = now + this.options.linkMs
    this.links.set(sha256Hex(value), { keySecretHash: key.secretHash, keyId: key.id, expiresAt })
    return { token: value, expiresAt }
  }

  /** The key hash a link token stands for, consuming the token; undefined when unknown, used or expired. */
  redeemLink(value: string, now = Date.now()): string | undefined {
    const id = sha256Hex(value)
    const link = this.links.get(id)
    this.links.delete(id)
    return link && now < link.expiresAt ? link.keySecretHash : undefined
  }

  private sweep(now: number): void {
    if (this.sessions.size + this.links.size < 10_000) return
    for (const [id, s] of this.sessions) if (now >= s.expiresAt || now - s.lastSeenAt >= this.options.idleMs) this.sessions.delete(id)
    for (const [id, l] of this.links) if (now >= l.expiresAt) this.links.delete(id)
  }
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(session: Session, presented: string | undefined): boolean {
  if (!presented) return false
  const a = Buffer.from(session.csrfToken)
  const b = Buffer.from(presented)
  return a.length === b.length && timingSafeEqual(a, b)
}
