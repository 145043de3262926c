import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { METHODS, METHOD_SQL_LIST, SCAN_STATUSES, SCAN_STATUS_SQL_LIST } from './columns'

// The same tables as schema-sqlite.ts, column for column (drizzle has no cross-dialect tables).

export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
  retentionDays: integer('retention_days'),
  publishedVersionId: text('published_version_id'),
  headHash: text('head_hash'),
  anchorHash: text('anchor_hash'),
  identitySecret: text('identity_secret'),
  lastReceivedAt: bigint('last_received_at', { mode: 'number' }).notNull().default(0),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
})

export const configVersions = pgTable(
  'config_versions',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    version: integer('version').notNull(),
    config: text('config').notNull(),
    hash: text('hash').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('config_versions_site_version').on(t.siteId, t.version)],
)

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    label: text('label').notNull(),
    siteIds: jsonb('site_ids').$type<string[] | null>(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('api_keys_secret_hash').on(t.secretHash)],
)

export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  privateKey: text('private_key').notNull(),
  publicKey: text('public_key').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
})

export const consents = pgTable(
  'consents',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    siteId: text('site_id').notNull(),
    visitorId: text('visitor_id'),
    externalUserId: text('external_user_id'),
    idempotencyKey: text('idempotency_key'),
    method: text('method', { enum: METHODS }).notNull(),
    functional: boolean('functional').notNull(),
    analytics: boolean('analytics').notNull(),
    advertising: boolean('advertising').notNull(),
    services: text('services').notNull(),
    doNotSell: boolean('do_not_sell').notNull(),
    // US opt-outs apart (US-02) and the site's no-sale statement; null on records kept before they existed.
    optOutSharing: boolean('opt_out_sharing'),
    optOutTargetedAds: boolean('opt_out_targeted_ads'),
    limitSensitiveData: boolean('limit_sensitive_data'),
    optOutProfiling: boolean('opt_out_profiling'),
    saleFree: boolean('sale_free'),
    /** Which canonical form the record's hash covers (see records/chain.ts): 1 before the columns above. */
    canonicalVersion: integer('canonical_version').notNull().default(1),
    gpc: boolean('gpc').notNull(),
    secGpc: boolean('sec_gpc').notNull(),
    policyRevision: integer('policy_revision').notNull(),
    configVersionId: text('config_version_id').notNull(),
    configHash: text('config_hash').notNull(),
    locale: text('locale').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    bannerVersion: text('banner_version').notNull(),
    pageUrl: text('page_url'),
    decidedAt: bigint('decided_at', { mode: 'number' }).notNull(),
    gppString: text('gpp_string'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    salt: text('salt'),
    personalDigest: text('personal_digest').notNull(),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    erasedAt: bigint('erased_at', { mode: 'number' }),
    externalUserVerified: boolean('external_user_verified').notNull().default(false),
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

export const chainPurges = pgTable(
  'chain_purges',
  {
    siteId: text('site_id').notNull(),
    number: integer('number').notNull(),
    purgedAt: bigint('purged_at', { mode: 'number' }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    upToHash: text('up_to_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.number] })],
)

export const checkpoints = pgTable(
  'checkpoints',
  {
    siteId: text('site_id').notNull(),
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.treeSize] })],
)

export const scans = pgTable(
  'scans',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    status: text('status', { enum: SCAN_STATUSES }).notNull(),
    url: text('url').notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    result: text('result'),
    error: text('error'),
    findings: integer('findings'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    startedAt: bigint('started_at', { mode: 'number' }),
    finishedAt: bigint('finished_at', { mode: 'number' }),
  },
  (t) => [index('scans_site_created').on(t.siteId, t.createdAt), check('scans_status_check', sql.raw(`status in (${SCAN_STATUS_SQL_LIST})`))],
)
