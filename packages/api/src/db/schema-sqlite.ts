import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { METHODS, METHOD_SQL_LIST, SCAN_STATUSES, SCAN_STATUS_SQL_LIST } from './columns'

/** Sites, with the head of their hash chain (updated by the writer in the same transaction as the records). */
export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  /** Records older than this many days are purged; null keeps them forever. */
  retentionDays: integer('retention_days'),
  publishedVersionId: text('published_version_id'),
  headHash: text('head_hash'),
  /** Hash of the last purged record: where the surviving chain starts. */
  anchorHash: text('anchor_hash'),
  /** HMAC key with which the site's backend proves an `externalUserId` (shown once when created or rotated). */
  identitySecret: text('identity_secret'),
  lastReceivedAt: integer('last_received_at').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/** Immutable published configurations. */
export const configVersions = sqliteTable(
  'config_versions',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    version: integer('version').notNull(),
    config: text('config').notNull(),
    hash: text('hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('config_versions_site_version').on(t.siteId, t.version)],
)

/** Admin API keys: only the SHA-256 of the secret is kept. `siteIds` null means every site. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    label: text('label').notNull(),
    siteIds: text('site_ids', { mode: 'json' }).$type<string[] | null>(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_secret_hash').on(t.secretHash)],
)

/** The Ed25519 receipt key, generated once when none is configured. */
export const signingKeys = sqliteTable('signing_keys', {
  id: text('id').primaryKey(),
  privateKey: text('private_key').notNull(),
  publicKey: text('public_key').notNull(),
  createdAt: integer('created_at').notNull(),
})

/** Append-only consent records, hash-chained per site in `seq` order. */
export const consents = sqliteTable(
  'consents',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    siteId: text('site_id').notNull(),
    visitorId: text('visitor_id'),
    externalUserId: text('external_user_id'),
    idempotencyKey: text('idempotency_key'),
    method: text('method', { enum: METHODS }).notNull(),
    functional: integer('functional', { mode: 'boolean' }).notNull(),
    analytics: integer('analytics', { mode: 'boolean' }).notNull(),
    advertising: integer('advertising', { mode: 'boolean' }).notNull(),
    /** Canonical JSON of `{ serviceId: granted }`. */
    services: text('services').notNull(),
    doNotSell: integer('do_not_sell', { mode: 'boolean' }).notNull(),
    // US opt-outs apart (US-02) and the site's no-sale statement; null on records kept before they existed.
    optOutSharing: integer('opt_out_sharing', { mode: 'boolean' }),
    optOutTargetedAds: integer('opt_out_targeted_ads', { mode: 'boolean' }),
    limitSensitiveData: integer('limit_sensitive_data', { mode: 'boolean' }),
    optOutProfiling: integer('opt_out_profiling', { mode: 'boolean' }),
    saleFree: integer('sale_free', { mode: 'boolean' }),
    /** Which canonical form the record's hash covers (see records/chain.ts): 1 before the columns above. */
    canonicalVersion: integer('canonical_version').notNull().default(1),
    gpc: integer('gpc', { mode: 'boolean' }).notNull(),
    secGpc: integer('sec_gpc', { mode: 'boolean' }).notNull(),
    policyRevision: integer('policy_revision').notNull(),
    configVersionId: text('config_version_id').notNull(),
    configHash: text('config_hash').notNull(),
    locale: text('locale').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    bannerVersion: text('banner_version').notNull(),
    pageUrl: text('page_url'),
    decidedAt: integer('decided_at').notNull(),
    gppString: text('gpp_string'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    salt: text('salt'),
    personalDigest: text('personal_digest').notNull(),
    receivedAt: integer('received_at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    erasedAt: integer('erased_at'),
    /** Whether `externalUserId` came with a valid proof from the site's backend. */
    externalUserVerified: integer('external_user_verified', { mode: 'boolean' }).notNull().default(false),
    /** The jurisdiction the server derived from its own geo headers, when it had them (the banner's may differ). */
    serverJurisdiction: text('server_jurisdiction'),
  },
  (t) => [
    uniqueIndex('consents_id').on(t.id),
    index('consents_site_seq').on(t.siteId, t.seq),
    uniqueIndex('consents_site_idempotency').on(t.siteId, t.idempotencyKey),
    index('consents_visitor').on(t.visitorId),
    index('consents_site_external_user').on(t.siteId, t.externalUserId).where(sql`external_user_id is not null`),
    check('consents_method_check', sql.raw(`method in (${METHOD_SQL_LIST})`)),
  ],
)

/**
 * One entry per retention purge transaction, chained per site and signed with the receipt key: when, how many
 * records, up to which record hash. A chain anchor (`sites.anchor_hash`) is accepted only if the last entry names it.
 */
export const chainPurges = sqliteTable(
  'chain_purges',
  {
    siteId: text('site_id').notNull(),
    number: integer('number').notNull(),
    purgedAt: integer('purged_at').notNull(),
    count: integer('count').notNull(),
    upToHash: text('up_to_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.number] })],
)

/** Signed checkpoints of a site's log (records ever appended, and the head hash), published periodically. */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    siteId: text('site_id').notNull(),
    treeSize: integer('tree_size').notNull(),
    headHash: text('head_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.treeSize] })],
)

/** Cookie scans of a site (issue 19): the request, its state and the scanner's JSON result once done. */
export const scans = sqliteTable(
  'scans',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    status: text('status', { enum: SCAN_STATUSES }).notNull(),
    url: text('url').notNull(),
    /** The scan request as accepted (pages, depth, country, GPC). */
    options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The scanner's result (`scanResultSchema`), JSON text; null until done. */
    result: text('result'),
    error: text('error'),
    /** Number of findings, for listing without reading results. */
    findings: integer('findings'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('scans_site_created').on(t.siteId, t.createdAt), check('scans_status_check', sql.raw(`status in (${SCAN_STATUS_SQL_LIST})`))],
)
