import { canonicalObject, json, sha256Hex, type JsonText } from './canonical'
import type { ConsentRecord } from '../db/rows'

/** The `prevHash` of a site's first record. */
export const GENESIS_HASH = '0'.repeat(64)

export type { ConsentRecord }

/** Fields that identify a person; erasure nulls them and the salt, keeping only their digest. */
export type PersonalFields = Pick<ConsentRecord, 'visitorId' | 'externalUserId' | 'idempotencyKey' | 'pageUrl' | 'ip' | 'userAgent' | 'gppString'>

const personalForm = canonicalObject(['salt', 'visitorId', 'externalUserId', 'idempotencyKey', 'pageUrl', 'ip', 'userAgent', 'gppString'])

/** Digest of the personal fields under a per-record random salt: unlinkable once the salt is erased. */
export function personalDigest(fields: PersonalFields, salt: string): string {
  return sha256Hex(
    personalForm({
      salt: json(salt),
      visitorId: json(fields.visitorId),
      externalUserId: json(fields.externalUserId),
      idempotencyKey: json(fields.idempotencyKey),
      pageUrl: json(fields.pageUrl),
      ip: json(fields.ip),
      userAgent: json(fields.userAgent),
      gppString: json(fields.gppString),
    }),
  )
}

const categoriesForm = canonicalObject(['essential', 'functional', 'analytics', 'advertising'])
const RECORD_KEYS_V1 = [
  'id', 'siteId', 'method', 'categories', 'services', 'doNotSell', 'gpc', 'secGpc', 'policyRevision', 'configVersionId',
  'configHash', 'locale', 'jurisdiction', 'bannerVersion', 'decidedAt', 'receivedAt', 'personalDigest',
] as const
const recordFormV1 = canonicalObject(RECORD_KEYS_V1)
const recordFormV2 = canonicalObject([...RECORD_KEYS_V1, 'canonicalVersion', 'optOuts', 'saleFree'])
const optOutsForm = canonicalObject(['sale', 'sharing', 'targetedAds', 'sensitiveLimit', 'profiling'])

/** The canonical form new records are written in. */
export const CANONICAL_VERSION = 2

/**
 * The canonical form that is hashed and chained: every non-personal stored field plus the digest of the
 * personal ones, so a tombstone (personal data erased) still verifies. `services` is stored as canonical JSON
 * and goes in as stored: a row whose services text was rewritten, even to equivalent JSON, no longer verifies.
 * Versioned: form 2 adds the US opt-outs and the no-sale statement (and its own version number); a record of
 * form 1 is checked against form 1, so records kept before still verify.
 */
export function canonicalRecord(r: Omit<ConsentRecord, 'seq' | 'hash' | 'prevHash' | 'erasedAt'>): string {
  const v1 = v1Values(r)
  if (r.canonicalVersion === 1) return recordFormV1(v1)
  return recordFormV2({
    ...v1,
    canonicalVersion: json(r.canonicalVersion),
    optOuts: optOutsForm({
      sale: json(r.doNotSell),
      sharing: json(r.optOutSharing),
      targetedAds: json(r.optOutTargetedAds),
      sensitiveLimit: json(r.limitSensitiveData),
      profiling: json(r.optOutProfiling),
    }),
    saleFree: json(r.saleFree),
  })
}

function v1Values(r: Omit<ConsentRecord, 'seq' | 'hash' | 'prevHash' | 'erasedAt'>): Record<(typeof RECORD_KEYS_V1)[number], JsonText> {
  return {
    id: json(r.id),
    siteId: json(r.siteId),
    method: json(r.method),
    categories: categoriesForm({ essential: json(true), functional: json(r.functional), analytics: json(r.analytics), advertising: json(r.advertising) }),
    services: r.services as JsonText,
    doNotSell: json(r.doNotSell),
    gpc: json(r.gpc),
    secGpc: json(r.secGpc),
    policyRevision: json(r.policyRevision),
    configVersionId: json(r.configVersionId),
    configHash: json(r.configHash),
    locale: json(r.locale),
    jurisdiction: json(r.jurisdiction),
    bannerVersion: json(r.bannerVersion),
    decidedAt: json(r.decidedAt),
    receivedAt: json(r.receivedAt),
    personalDigest: json(r.personalDigest),
  }
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
