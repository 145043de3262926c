import type { ApiKeyRow, CheckpointRow, ConfigVersionRow, ConsentRecord, PurgeRow, ScanRow, SigningKeyRow, SiteRow } from './rows'

export type { ApiKeyRow, CheckpointRow, ConfigVersionRow, PurgeRow, ScanRow, SigningKeyRow, SiteRow }

/** A record before the writer seals it: no sequence, receipt time or chain hashes yet. */
export type UnsealedConsent = Omit<ConsentRecord, 'seq' | 'receivedAt' | 'prevHash' | 'hash' | 'erasedAt'>

/** What the writer gets back per queued record. */
export type AppendOutcome = { record: ConsentRecord; replay: boolean }

/** How a batch keys a record by (site, idempotency key), to answer a retried delivery with the stored record. */
export const replayKey = (r: Pick<ConsentRecord, 'siteId' | 'idempotencyKey'>): string => `${r.siteId}\u0000${r.idempotencyKey}`

export interface ConsentFilter {
  from?: number | undefined
  to?: number | undefined
  visitorId?: string | undefined
  externalUserId?: string | undefined
  jurisdiction?: string | undefined
  method?: ConsentRecord['method'] | undefined
}

export interface StatsRow {
  day: string
  jurisdiction: string
  method: ConsentRecord['method']
  decisions: number
  functional: number
  analytics: number
  advertising: number
  /** Records with a sale/share opt-out (Do Not Sell or Share). */
  doNotSell: number
  /** Records whose browser sent Global Privacy Control. */
  gpc: number
}

/** A scan as listed: everything but the (large) result. */
export type ScanSummary = Omit<ScanRow, 'result'>
export type ScanPatch = Partial<Pick<ScanRow, 'status' | 'result' | 'error' | 'findings' | 'startedAt' | 'finishedAt'>>

export type SitePatch = Partial<Pick<SiteRow, 'name' | 'allowedOrigins' | 'retentionDays' | 'identitySecret'>>

/**
 * Everything the API stores, behind one interface with a SQLite and a PostgreSQL implementation.
 * Record ids, canonical form and chain hashes are computed by shared functions, not here.
 */
export interface RecordStore {
  readonly dialect: 'sqlite' | 'postgres'
  close(): Promise<void>

  insertSite(site: SiteRow): Promise<void>
  getSite(id: string): Promise<SiteRow | undefined>
  listSites(): Promise<SiteRow[]>
  updateSite(id: string, patch: SitePatch, at: number): Promise<SiteRow | undefined>

  /** Stores an immutable version (numbered max + 1) and makes it the site's published one. */
  publishConfigVersion(row: Omit<ConfigVersionRow, 'version'>): Promise<ConfigVersionRow>
  getConfigVersion(id: string): Promise<ConfigVersionRow | undefined>
  listConfigVersions(siteId: string): Promise<ConfigVersionRow[]>

  insertApiKey(row: ApiKeyRow): Promise<void>
  findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRow | undefined>
  revokeApiKey(id: string, at: number): Promise<boolean>
  /** Every key, oldest first (secrets are never stored, only their hashes). */
  listApiKeys(): Promise<ApiKeyRow[]>

  getSigningKey(): Promise<SigningKeyRow | undefined>
  /** Inserts unless a key exists already; returns the key that is kept. */
  ensureSigningKey(row: SigningKeyRow): Promise<SigningKeyRow>

  /**
   * Appends records in one transaction, in order: replays an existing (siteId, idempotencyKey) instead of
   * inserting, chains each new record to its site's head via `seal`, and commits once.
   */
  appendBatch(items: UnsealedConsent[], seal: (item: UnsealedConsent, prevHash: string, receivedAt: number) => ConsentRecord): Promise<AppendOutcome[]>
  /**
   * Whether an `appendBatch` error is the database refusing some record's values (a constraint or data error),
   * as opposed to the database failing (connection lost, disk full): only the first is worth splitting the
   * batch to find the record.
   */
  isRecordRefusal(error: unknown): boolean
  /** Records matching the filter with `seq > afterSeq`, ascending, at most `limit`. */
  queryConsents(siteId: string, filter: ConsentFilter, afterSeq: number, limit: number): Promise<ConsentRecord[]>
  /** One record of a site by id, the record before it in the chain, and its 1-based position among the site's records. */
  findConsent(siteId: string, id: string): Promise<{ record: ConsentRecord; previous: ConsentRecord | undefined; position: number } | undefined>
  /** A visitor's records with `seq > afterSeq`, oldest first, at most `limit` (optionally on one site). */
  visitorHistory(visitorId: string, siteId: string | undefined, afterSeq: number, limit: number): Promise<ConsentRecord[]>
  /** Turns matching records into tombstones; returns how many. */
  eraseSubject(siteId: string, subject: { visitorId?: string | undefined; externalUserId?: string | undefined }, at: number): Promise<number>
  /**
   * Deletes up to `limit` of the site's oldest records received before `cutoff`, moves the chain anchor and, in
   * the same transaction, stores the purge entry `entry` makes (chained to the site's previous one).
   */
  purgeBatch(
    siteId: string,
    cutoff: number,
    limit: number,
    entry: (prev: PurgeRow | undefined, range: { count: number; upToHash: string }) => PurgeRow,
  ): Promise<number>
  /** A site's purge entries, oldest first. */
  listPurges(siteId: string): Promise<PurgeRow[]>
  /** Records ever appended to the site's chain (purged ones included) and the last one's hash; undefined when none are left. */
  chainSize(siteId: string): Promise<{ treeSize: number; head: string } | undefined>
  /** Keeps a checkpoint (a second one of the same size is ignored). */
  insertCheckpoint(row: CheckpointRow): Promise<void>
  /** The site's newest checkpoints, largest first. */
  listCheckpoints(siteId: string, limit: number): Promise<CheckpointRow[]>
  stats(siteId: string, from: number, to: number): Promise<StatsRow[]>
  countConsents(siteId: string): Promise<number>

  insertScan(row: ScanRow): Promise<void>
  updateScan(id: string, patch: ScanPatch): Promise<void>
  getScan(id: string): Promise<ScanRow | undefined>
  /** The site's scans, newest first, without their results. */
  listScans(siteId: string, limit: number): Promise<ScanSummary[]>
  /**
   * Deletes a site, its configuration versions and its scans in one transaction, unless it still holds consent records
   * (then nothing changes and the count is returned: records are proof, kept until their retention ends).
   */
  deleteSite(id: string): Promise<{ deleted: boolean; records: number }>
}
