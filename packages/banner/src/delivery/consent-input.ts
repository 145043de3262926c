import type { ConsentInput } from '@consentry/shared'
import type { PendingDecision } from './record'

/** A decision as the `POST /v1/consents` body: every category and service stated, granted or denied. */
export function toConsentInput({ idempotencyKey, state, context, pageUrl, bannerVersion }: PendingDecision): ConsentInput {
  const record: ConsentInput = {
    siteId: context.siteId,
    visitorId: state.visitorId,
    idempotencyKey,
    method: state.method,
    categories: { essential: true, ...state.categories },
    services: { ...state.services },
    doNotSell: state.doNotSell,
    optOuts: { ...state.optOuts },
    gpc: state.gpc,
    policyRevision: state.policyRevision,
    configVersionId: context.configVersionId,
    locale: context.locale,
    jurisdiction: state.jurisdiction,
    bannerVersion,
    pageUrl,
    decidedAt: state.decidedAt,
  }
  if (context.externalUserId) {
    record.externalUserId = context.externalUserId
    if (context.externalUserProof) record.externalUserProof = context.externalUserProof
  }
  return record
}
