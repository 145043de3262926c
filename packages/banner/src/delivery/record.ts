import { newIdempotencyKey } from '@consentry/shared'
import type { ConsentState } from '@consentry/shared'
import { BANNER_VERSION } from '../version'

export interface RecordContext {
  siteId: string
  configVersionId: string
  locale: string
  externalUserId?: string | undefined
  /** The site backend's HMAC of `externalUserId`; without it the API refuses the id. */
  externalUserProof?: string | undefined
}

/**
 * A decision waiting for delivery, with what its record needs that only the moment of deciding knows: the page,
 * the banner version and the key that makes a retried delivery count once. The core stashes it as is; the
 * outbox (a chunk of its own in the script tag) turns it into a record when it sends.
 */
export interface PendingDecision {
  idempotencyKey: string
  state: ConsentState
  context: RecordContext
  pageUrl: string
  bannerVersion: string
}

/** The page the decision was made on, without query string or fragment (they may carry personal data). */
function pageUrl(): string {
  return typeof location === 'undefined' ? '' : location.origin + location.pathname
}

export function pendingDecision(state: ConsentState, context: RecordContext): PendingDecision {
  return { idempotencyKey: newIdempotencyKey(), state, context, pageUrl: pageUrl(), bannerVersion: BANNER_VERSION }
}
