import { canonicalJson, sha256Hex } from './canonical'
import type { ConsentMethod } from '@consentry/shared'

/** The `prevHash` of a site's first record. */
export const GENESIS_HASH = '0'.repeat(64)

/** A consent record as stored (dialect-neutral: both stores map their rows to this). */
export interface ConsentRecord {
  seq: number
  id: string
  siteId: string
  visitorId: string | null
  externalUserId: string | null
  idempotencyKey: string | null
  method: ConsentMethod
  functional: boolean
  analytics: boolean
  advertising: boolean
  /** Canonical JSON of `{ serviceId: granted }`. */
  services: string
  doNotSell: boolean
  gpc: boolean
  secGpc: boolean
  policyRevision: number
  configVersionId: string
  configHash: string
  locale: string
  jurisdiction: string
  bannerVersion: string
  pageUrl: string | null
  decidedAt: number
  gppString: string | null
  ip: string | null
  userAgent: string | null
  salt: string | null
  personalDigest: string
  receivedAt: number
  prevHash: string
  hash: string
  erasedAt: number | null
}

/** Fields that identify a person; erasure nulls them and the salt, keeping only their digest. */
export type PersonalFields = Pick<ConsentRecord, 'visitorId' | 'externalUserId' | 'idempotencyKey' | 'pageUrl' | 'ip' | 'userAgent' | 'gppString'>

/** Digest of the personal fields under a per-record random salt: unlinkable once the salt is erased. */
export function personalDigest(fields: PersonalFields, salt: string): string {
  return sha256Hex(
    canonicalJson({
      salt,
      visitorId: fields.visitorId,
      externalUserId: fields.externalUserId,
      idempotencyKey: fields.idempotencyKey,
      pageUrl: fields.pageUrl,
      ip: fields.ip,
      userAgent: fields.userAgent,
      gppString: fields.gppString,
    }),
  )
}

/**
 * The canonical form that is hashed and chained: every non-personal stored field plus the digest of the
 * personal ones, so a tombstone (personal data erased) still verifies.
 */
export function canonicalRecord(r: Omit<ConsentRecord, 'seq' | 'hash' | 'prevHash' | 'erasedAt'>): string {
  return canonicalJson({
    id: r.id,
    siteId: r.siteId,
    method: r.method,
    categories: { essential: true, functional: r.functional, analytics: r.analytics, advertising: r.advertising },
    services: JSON.parse(r.services) as unknown,
    doNotSell: r.doNotSell,
    gpc: r.gpc,
    secGpc: r.secGpc,
    policyRevision: r.policyRevision,
    configVersionId: r.configVersionId,
    configHash: r.configHash,
    locale: r.locale,
    jurisdiction: r.jurisdiction,
    bannerVersion: r.bannerVersion,
    decidedAt: r.decidedAt,
    receivedAt: r.receivedAt,
    personalDigest: r.personalDigest,
  })
}

/** hash = SHA-256(prevHash + canonical form). */
export function chainHash(prevHash: string, canonical: string): string {
  return sha256Hex(prevHash + canonical)
}

/** Why a record fails verification, or null when it holds. */
export function checkRecord(record: ConsentRecord, expectedPrev: string): string | null {
  if (record.prevHash !== expectedPrev) return 'prev_hash_mismatch'
  if (record.erasedAt === null) {
    if (record.salt === null || personalDigest(record, record.salt) !== record.personalDigest) return 'personal_digest_mismatch'
  }
  if (chainHash(record.prevHash, canonicalRecord(record)) !== record.hash) return 'hash_mismatch'
  return null
}

export interface ChainReport {
  valid: boolean
  checked: number
  firstBroken: { id: string; seq: number; reason: string } | null
}

/** Walks a site's records in `seq` order and reports the first broken link. */
export async function verifyChain(records: AsyncIterable<ConsentRecord>, anchor: string | null): Promise<ChainReport> {
  let expected = anchor ?? GENESIS_HASH
  let checked = 0
  for await (const record of records) {
    checked++
    const reason = checkRecord(record, expected)
    if (reason) return { valid: false, checked, firstBroken: { id: record.id, seq: record.seq, reason } }
    expected = record.hash
  }
  return { valid: true, checked, firstBroken: null }
}
