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
const RECORD_KEYS = [
  'id',
  'siteId',
  'method',
  'categories',
  'services',
  'doNotSell',
  'gpc',
  'secGpc',
  'policyRevision',
  'configVersionId',
  'configHash',
  'locale',
  'jurisdiction',
  'bannerVersion',
  'decidedAt',
  'receivedAt',
  'personalDigest',
] as const
/** Form 2 adds the US opt-outs and the no-sale statement, and its own number (records before it are form 1). */
const FORM_TWO_KEYS = ['canonicalVersion', 'optOuts', 'saleFree'] as const
const optOutsForm = canonicalObject(['sale', 'sharing', 'targetedAds', 'sensitiveLimit', 'profiling'])
type OptionalKey = 'externalUserVerified' | 'serverJurisdiction'
// Fields added later enter the form only when set, so records stored before them hash as they always did.
const recordForms = new Map<string, (values: Record<string, JsonText>) => JsonText>()
for (const version of [1, 2]) {
  for (const optional of [[], ['externalUserVerified'], ['serverJurisdiction'], ['externalUserVerified', 'serverJurisdiction']] as OptionalKey[][]) {
    const keys = [...RECORD_KEYS, ...(version === 2 ? FORM_TWO_KEYS : []), ...optional]
    recordForms.set(`${version}|${optional.join(',')}`, canonicalObject<string>(keys) as (values: Record<string, JsonText>) => JsonText)
  }
}

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
  const optional: Partial<Record<OptionalKey, JsonText>> = {}
  if (r.externalUserVerified) optional.externalUserVerified = json(true)
  if (r.serverJurisdiction !== null) optional.serverJurisdiction = json(r.serverJurisdiction)
  const version = r.canonicalVersion === 1 ? 1 : 2
  const formTwo: Record<string, JsonText> =
    version === 1
      ? {}
      : {
          canonicalVersion: json(r.canonicalVersion),
          optOuts: optOutsForm({
            sale: json(r.doNotSell),
            sharing: json(r.optOutSharing),
            targetedAds: json(r.optOutTargetedAds),
            sensitiveLimit: json(r.limitSensitiveData),
            profiling: json(r.optOutProfiling),
          }),
          saleFree: json(r.saleFree),
        }
  return recordForms.get(`${version}|${Object.keys(optional).join(',')}`)!({
    ...optional,
    ...formTwo,
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
  })
}

/** hash = SHA-256(prevHash + canonical form). */
export function chainHash(prevHash: string, canonical: string): string {
  return sha256Hex(prevHash + canonical)
}

/** The stored fields an erasure empties: a tombstone holding any of them is not one (someone edited it). */
const ERASED_FIELDS = ['visitorId', 'externalUserId', 'idempotencyKey', 'pageUrl', 'ip', 'userAgent', 'gppString', 'salt'] as const

/** Why a record fails verification, or null when it holds. */
export function checkRecord(record: ConsentRecord, expectedPrev: string): string | null {
  if (record.prevHash !== expectedPrev) return 'prev_hash_mismatch'
  if (record.erasedAt === null) {
    if (record.salt === null || personalDigest(record, record.salt) !== record.personalDigest) return 'personal_digest_mismatch'
  } else if (ERASED_FIELDS.some((key) => record[key] !== null)) {
    return 'erased_record_holds_personal_data'
  }
  if (chainHash(record.prevHash, canonicalRecord(record)) !== record.hash) return 'hash_mismatch'
  return null
}

export interface ChainReport {
  valid: boolean
  checked: number
  /** The first record that fails, or (id and seq null) what fails about the chain as a whole. */
  firstBroken: { id: string | null; seq: number | null; reason: string } | null
  /** Hash of the last record walked (the anchor when none). */
  lastHash: string
}

/** Where a walk starts, and hashes the records at given chain positions must have (from checkpoints). */
export interface ChainWalk {
  /** Records purged before the first one walked: the first walked is at position `purged + 1`. */
  purged?: number
  /** Chain position (1-based, counting purged records) → the hash the record there must have. */
  expectAt?: ReadonlyMap<number, string>
}

/** Walks a site's records in `seq` order and reports the first broken link. */
export async function verifyChain(records: AsyncIterable<ConsentRecord>, anchor: string | null, walk: ChainWalk = {}): Promise<ChainReport> {
  let expected = anchor ?? GENESIS_HASH
  let checked = 0
  const purged = walk.purged ?? 0
  for await (const record of records) {
    checked++
    const pinned = walk.expectAt?.get(purged + checked)
    const reason = checkRecord(record, expected) ?? (pinned !== undefined && pinned !== record.hash ? 'checkpoint_mismatch' : null)
    if (reason) return { valid: false, checked, firstBroken: { id: record.id, seq: record.seq, reason }, lastHash: expected }
    expected = record.hash
  }
  return { valid: true, checked, firstBroken: null, lastHash: expected }
}
