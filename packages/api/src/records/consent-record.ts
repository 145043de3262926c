import { own, recordedOptOuts, recordOf, type ConsentInput, type SiteConfig } from '@consentry/shared'
import { canonicalJson } from './canonical'
import { CANONICAL_VERSION, canonicalRecord, chainHash, personalDigest, type ConsentRecord } from './chain'
import { coarseUserAgent, stripQuery, truncateIp, type IpMode } from './client-meta'
import { newRecordId, randomHex } from './ids'
import type { UnsealedConsent } from '../db/store'

/** What the server observes about the request, beside the body. */
export interface ClientMeta {
  ip: string | null
  userAgent: string | null
  secGpc: boolean
}

/**
 * Every configured service stated explicitly: the visitor's per-service choice when given, else its
 * category's choice. Returns the unknown service ids the body named, for a 400.
 */
export function explicitServices(input: ConsentInput, config: SiteConfig): { services: Record<string, boolean>; unknown: string[] } {
  const grants: Record<string, boolean> = {
    essential: true,
    functional: input.categories.functional,
    analytics: input.categories.analytics,
    advertising: input.categories.advertising,
  }
  // Own-property reads only: a service id such as `constructor` is never read from Object.prototype.
  const services = recordOf(config.services.map((s) => [s.id, s.category === 'essential' ? true : (own(input.services, s.id) ?? own(grants, s.category)!)]))
  const unknown = Object.keys(input.services).filter((id) => !Object.hasOwn(services, id))
  return { services, unknown }
}

/** The record before the writer chains it: ids, minimised client data and the personal digest. */
export function unsealedRecord(
  input: ConsentInput,
  services: Record<string, boolean>,
  configHash: string,
  meta: ClientMeta,
  ipMode: IpMode,
  checked: { externalUserVerified?: boolean; serverJurisdiction?: string | null; saleFree?: boolean } = {},
): UnsealedConsent {
  const salt = randomHex(16)
  const optOuts = recordedOptOuts(input)
  // Every field spelled out, no object spread: spreading a record into a new literal cost more than hashing it
  // (V8 copies it property by property into a slow-mode object).
  const record: UnsealedConsent = {
    id: newRecordId(),
    siteId: input.siteId,
    visitorId: input.visitorId,
    externalUserId: input.externalUserId ?? null,
    idempotencyKey: input.idempotencyKey,
    method: input.method,
    functional: input.categories.functional,
    analytics: input.categories.analytics,
    advertising: input.categories.advertising,
    services: canonicalJson(services),
    doNotSell: input.doNotSell,
    optOutSharing: optOuts.sharing,
    optOutTargetedAds: optOuts.targetedAds,
    limitSensitiveData: optOuts.sensitiveLimit,
    optOutProfiling: optOuts.profiling,
    saleFree: checked.saleFree === true,
    canonicalVersion: CANONICAL_VERSION,
    gpc: input.gpc,
    secGpc: meta.secGpc,
    policyRevision: input.policyRevision,
    configVersionId: input.configVersionId,
    configHash,
    locale: input.locale,
    jurisdiction: input.jurisdiction,
    bannerVersion: input.bannerVersion,
    pageUrl: stripQuery(input.pageUrl),
    decidedAt: input.decidedAt,
    gppString: input.gppString ?? null,
    ip: ipMode === 'drop' ? null : truncateIp(meta.ip),
    userAgent: coarseUserAgent(meta.userAgent),
    salt,
    personalDigest: '',
    externalUserVerified: checked.externalUserVerified === true && input.externalUserId !== undefined,
    serverJurisdiction: checked.serverJurisdiction ?? null,
  }
  record.personalDigest = personalDigest(record, salt)
  return record
}

/** Chains an unsealed record to its predecessor (run by the writer, in commit order). */
export function sealRecord(item: UnsealedConsent, prevHash: string, receivedAt: number): ConsentRecord {
  const record: ConsentRecord = {
    seq: 0,
    id: item.id,
    siteId: item.siteId,
    visitorId: item.visitorId,
    externalUserId: item.externalUserId,
    idempotencyKey: item.idempotencyKey,
    method: item.method,
    functional: item.functional,
    analytics: item.analytics,
    advertising: item.advertising,
    services: item.services,
    doNotSell: item.doNotSell,
    optOutSharing: item.optOutSharing,
    optOutTargetedAds: item.optOutTargetedAds,
    limitSensitiveData: item.limitSensitiveData,
    optOutProfiling: item.optOutProfiling,
    saleFree: item.saleFree,
    canonicalVersion: item.canonicalVersion,
    gpc: item.gpc,
    secGpc: item.secGpc,
    policyRevision: item.policyRevision,
    configVersionId: item.configVersionId,
    configHash: item.configHash,
    locale: item.locale,
    jurisdiction: item.jurisdiction,
    bannerVersion: item.bannerVersion,
    pageUrl: item.pageUrl,
    decidedAt: item.decidedAt,
    gppString: item.gppString,
    ip: item.ip,
    userAgent: item.userAgent,
    salt: item.salt,
    personalDigest: item.personalDigest,
    receivedAt,
    prevHash,
    hash: '',
    erasedAt: null,
    externalUserVerified: item.externalUserVerified,
    serverJurisdiction: item.serverJurisdiction,
  }
  record.hash = chainHash(prevHash, canonicalRecord(record))
  return record
}

/** A record as the API shows it: categories and services as objects, no salt. */
export function recordView(r: ConsentRecord) {
  return {
    id: r.id,
    siteId: r.siteId,
    visitorId: r.visitorId,
    externalUserId: r.externalUserId,
    externalUserVerified: r.externalUserVerified,
    method: r.method,
    categories: { essential: true, functional: r.functional, analytics: r.analytics, advertising: r.advertising },
    services: JSON.parse(r.services) as Record<string, boolean>,
    doNotSell: r.doNotSell,
    optOuts: {
      sale: r.doNotSell,
      sharing: r.optOutSharing,
      targetedAds: r.optOutTargetedAds,
      sensitiveLimit: r.limitSensitiveData,
      profiling: r.optOutProfiling,
    },
    /** What may run for advertising: the category granted and no sale, sharing or targeted-advertising opt-out. */
    advertisingEffective: advertisingEffective(r),
    saleFree: r.saleFree,
    canonicalVersion: r.canonicalVersion,
    gpc: r.gpc,
    secGpc: r.secGpc,
    policyRevision: r.policyRevision,
    configVersionId: r.configVersionId,
    configHash: r.configHash,
    locale: r.locale,
    jurisdiction: r.jurisdiction,
    serverJurisdiction: r.serverJurisdiction,
    bannerVersion: r.bannerVersion,
    pageUrl: r.pageUrl,
    decidedAt: r.decidedAt,
    receivedAt: r.receivedAt,
    gppString: r.gppString,
    ip: r.ip,
    userAgent: r.userAgent,
    personalDigest: r.personalDigest,
    prevHash: r.prevHash,
    hash: r.hash,
    erasedAt: r.erasedAt,
  }
}
export type RecordView = ReturnType<typeof recordView>

/** The advertising category as it takes effect: a sale/share (or targeted-ads) opt-out refuses it whatever was picked. */
export function advertisingEffective(r: Pick<ConsentRecord, 'advertising' | 'doNotSell' | 'optOutSharing' | 'optOutTargetedAds'>): boolean {
  return r.advertising && !r.doNotSell && r.optOutSharing !== true && r.optOutTargetedAds !== true
}
