import { newVisitorId } from '@consentry/shared'
import type { ConsentInput, ConsentState } from '@consentry/shared'
import { BANNER_VERSION } from '../version'

export interface RecordContext {
  siteId: string
  configVersionId: string
  locale: string
  externalUserId?: string | undefined
}

/** The page the decision was made on, without query string or fragment (they may carry personal data). */
function pageUrl(): string {
  return typeof location === 'undefined' ? '' : location.origin + location.pathname
}

/** A decision as the `POST /v1/consents` body: every category and service stated, granted or denied. */
export function toConsentInput(state: ConsentState, context: RecordContext): ConsentInput {
  const record: ConsentInput = {
    siteId: context.siteId,
    visitorId: state.visitorId,
    idempotencyKey: newVisitorId(),
    method: state.method,
    categories: { essential: true, ...state.categories },
    services: { ...state.services },
    doNotSell: state.doNotSell,
    gpc: state.gpc,
    policyRevision: state.policyRevision,
    configVersionId: context.configVersionId,
    locale: context.locale,
    jurisdiction: state.jurisdiction,
    bannerVersion: BANNER_VERSION,
    pageUrl: pageUrl(),
    decidedAt: state.decidedAt,
  }
  if (context.externalUserId) record.externalUserId = context.externalUserId
  return record
}
