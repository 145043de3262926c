import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { and, asc, desc, eq, getTableColumns, gt, gte, isNull, lt, lte, max, sql, type Column } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { GENESIS_HASH, type ConsentRecord } from '../records/chain'
import { filterConditions, subjectCondition, visitorHistoryCondition, tombstone } from './consent-queries'
import { migrationsDir } from './migrations-dir'
import { apiKeys, chainPurges, checkpoints, configVersions, consents, scans, signingKeys, sites } from './schema-sqlite'
import { SqliteWriter, STORED_KEYS_SQL, type WriteBatch, type WriteResult } from './sqlite-writer'
import { replayKey, type AppendOutcome, type RecordStore, type StatsRow, type UnsealedConsent } from './store'

const schema = { sites, configVersions, apiKeys, signingKeys, consents, chainPurges, checkpoints }

/**
 * Opens (creating when needed) a SQLite database file in WAL mode with `synchronous=FULL`, so a commit is on
 * disk when it returns, and applies the committed migrations.
 */
export function openSqliteStore(file: string): RecordStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const client = new Database(file)
  client.pragma('journal_mode = WAL')
  client.pragma('synchronous = FULL')
  client.pragma('busy_timeout = 5000')
  // 64 MiB page cache: the random-key indexes (ids, idempotency keys) stay in memory far longer.
  client.pragma('cache_size = -65536')
  const db = drizzle({ client, schema })
  migrate(db, { migrationsFolder: migrationsDir('sqlite') })

  const headOf = db
    .select({ headHash: sites.headHash, lastReceivedAt: sites.lastReceivedAt })
    .from(sites)
    .where(eq(sites.id, sql.placeholder('siteId')))
    .prepare()

  // The hot path: sealed on this thread, inserted and committed by the writer thread with one prepared
  // single-row INSERT per record (multi-row inserts built by the query builder cost far more per record).
  const columns = Object.entries(getTableColumns(consents)).filter(([key]) => key !== 'seq')
  const insertSql = `insert into consents (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`
  const toParams = (r: ConsentRecord) =>
    columns.map(([key]) => {
      const v = r[key as keyof ConsentRecord]
      return typeof v === 'boolean' ? (v ? 1 : 0) : v
    })
  const writer = file === ':memory:' ? null : new SqliteWriter(file, insertSql)
  const insertHere = client.prepare(insertSql)
  const moveHere = client.prepare('update sites set head_hash = ?, last_received_at = ? where id = ?')
  const storedHere = client.prepare<[string, string], Record<string, unknown>>(STORED_KEYS_SQL)
  const commitHere = client.transaction((batch: WriteBatch): WriteResult => {
    for (const [siteId, expected] of batch.expect) if ((headOf.get({ siteId })?.headHash ?? null) !== expected) return { conflict: true }
    const seqs = batch.rows.map((row) => Number(insertHere.run(row).lastInsertRowid))
    for (const [siteId, hash, at] of batch.heads) moveHere.run(hash, at, siteId)
    return { seqs }
  })
  // The writer thread's protocol, on this connection (in-memory databases).
  const writeHere = (batch: WriteBatch): WriteResult => {
    try {
      return commitHere.immediate(batch)
    } catch (error) {
      const replays =
        (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? batch.keys.flatMap(([siteId, keys]) => storedHere.all(siteId, keys)) : []
      if (replays.length > 0) return { replays }
      throw error
    }
  }

  const fromRow = recordFromRow(columns)

  /**
   * Seals a batch against the heads as stored now; one attempt. Records whose idempotency key is in `stored`
   * are answered with the stored one; the others are inserted, and if the unique index refuses a key (a retried
   * delivery), the writer rolls back and sends the stored rows of the batch's keys, which the next attempt
   * answers as replays. The writer looks them up itself: its page cache is warm, this connection's is emptied by
   * every commit of the writer.
   */
  async function appendOnce(
    items: UnsealedConsent[],
    seal: Parameters<RecordStore['appendBatch']>[1],
    stored: Map<string, ConsentRecord>,
  ): Promise<AppendOutcome[] | null> {
    const expect = new Map<string, string | null>()
    const heads = new Map<string, { hash: string; at: number }>()
    const seen = new Map<string, ConsentRecord>(stored)
    const rows: ConsentRecord[] = []
    const out: AppendOutcome[] = []
    const now = Date.now()
    const keysBySite = new Map<string, string[]>()
    for (const item of items) {
      const idemKey = replayKey(item)
      const prior = item.idempotencyKey === null ? undefined : seen.get(idemKey)
      if (prior) {
        out.push({ record: prior, replay: true })
        continue
      }
      let head = heads.get(item.siteId)
      if (!head) {
        const row = headOf.get({ siteId: item.siteId })
        if (!row) throw new Error(`site ${item.siteId} vanished`)
        expect.set(item.siteId, row.headHash)
        head = { hash: row.headHash ?? GENESIS_HASH, at: row.lastReceivedAt }
      }
      // Receipt times never go backwards within a site, so age-based purges remove a prefix of the chain.
      const record = seal(item, head.hash, Math.max(now, head.at))
      heads.set(item.siteId, { hash: record.hash, at: record.receivedAt })
      if (item.idempotencyKey !== null) {
        seen.set(idemKey, record)
        const keys = keysBySite.get(item.siteId)
        if (keys) keys.push(item.idempotencyKey)
        else keysBySite.set(item.siteId, [item.idempotencyKey])
      }
      rows.push(record)
      out.push({ record, replay: false })
    }
    if (rows.length === 0) return out
    const batch: WriteBatch = {
      expect: [...expect],
      keys: [...keysBySite].map(([siteId, keys]) => [siteId, JSON.stringify(keys)]),
      rows: rows.map(toParams),
      heads: [...heads].map(([id, h]) => [id, h.hash, h.at]),
    }
    const result = writer ? await writer.write(batch) : writeHere(batch)
    if ('conflict' in result) return null
    if ('replays' in result) {
      for (const row of result.replays) {
        const record = fromRow(row)
        stored.set(replayKey(record), record)
      }
      return null
    }
    rows.forEach((row, i) => (row.seq = result.seqs[i]!))
    return out
  }

  return {
    dialect: 'sqlite',
    async close() {
      await writer?.close()
      client.close()
    },

    async insertSite(site) {
      db.insert(sites).values(site).run()
    },
    async getSite(id) {
      return db.select().from(sites).where(eq(sites.id, id)).get()
    },
    async listSites() {
      return db.select().from(sites).orderBy(asc(sites.createdAt)).all()
    },
    async updateSite(id, patch, at) {
      return db
        .update(sites)
        .set({ ...patch, updatedAt: at })
        .where(eq(sites.id, id))
        .returning()
        .get()
    },

    async publishConfigVersion(row) {
      return db.transaction(
        (tx) => {
          const current = tx
            .select({ v: max(configVersions.version) })
            .from(configVersions)
            .where(eq(configVersions.siteId, row.siteId))
            .get()
          const version = (current?.v ?? 0) + 1
          const full = { ...row, version }
          tx.insert(configVersions).values(full).run()
          tx.update(sites).set({ publishedVersionId: row.id, updatedAt: row.createdAt }).where(eq(sites.id, row.siteId)).run()
          return full
        },
        { behavior: 'immediate' },
      )
    },
    async getConfigVersion(id) {
      return db.select().from(configVersions).where(eq(configVersions.id, id)).get()
    },
    async listConfigVersions(siteId) {
      return db.select().from(configVersions).where(eq(configVersions.siteId, siteId)).orderBy(asc(configVersions.version)).all()
    },

    async insertApiKey(row) {
      db.insert(apiKeys).values(row).run()
    },
    async findApiKeyBySecretHash(secretHash) {
      return db.select().from(apiKeys).where(eq(apiKeys.secretHash, secretHash)).get()
    },
    async revokeApiKey(id, at) {
      const r = db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .run()
      return r.changes > 0
    },

    async listApiKeys() {
      return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt)).all()
    },

    async getSigningKey() {
      return db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1).get()
    },
    async ensureSigningKey(row) {
      db.insert(signingKeys).values(row).onConflictDoNothing().run()
      const kept = db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1).get()
      if (!kept) throw new Error('signing key was not stored')
      return kept
    },

    async appendBatch(items, seal) {
      // Another process may extend a chain between our read of its head and our commit, and a retried delivery
      // finds its key stored: the writer then refuses the batch, and it is sealed again against the new head,
      // with the stored records as the answers to their retries.
      const stored = new Map<string, ConsentRecord>()
      for (let attempt = 0; attempt < 5; attempt++) {
        const out = await appendOnce(items, seal, stored)
        if (out) return out
      }
      throw new Error('the hash chain kept moving under concurrent writers; giving up on this batch')
    },
    isRecordRefusal(error) {
      return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(String((error as { code?: unknown }).code))
    },
    async queryConsents(siteId, filter, afterSeq, limit) {
      return db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), gt(consents.seq, afterSeq), ...filterConditions(consents, filter)))
        .orderBy(asc(consents.seq))
        .limit(limit)
        .all()
    },
    async findConsent(siteId, id) {
      const record = db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), eq(consents.id, id)))
        .get()
      if (!record) return undefined
      const previous = db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), lt(consents.seq, record.seq)))
        .orderBy(desc(consents.seq))
        .limit(1)
        .get()
      const position =
        db
          .select({ n: sql<number>`count(*)` })
          .from(consents)
          .where(and(eq(consents.siteId, siteId), lte(consents.seq, record.seq)))
          .get()?.n ?? 0
      return { record, previous, position }
    },
    async visitorHistory(visitorId, siteId, afterSeq, limit) {
      return db
        .select()
        .from(consents)
        .where(visitorHistoryCondition(consents, visitorId, siteId, afterSeq))
        .orderBy(asc(consents.seq))
        .limit(limit)
        .all()
    },
    async eraseSubject(siteId, subject, at) {
      const who = subjectCondition(consents, subject)
      if (!who) return 0
      const r = db
        .update(consents)
        .set(tombstone(at))
        .where(and(eq(consents.siteId, siteId), who))
        .run()
      return r.changes
    },
    async purgeBatch(siteId, cutoff, limit, entry) {
      return db.transaction(
        (tx) => {
          const doomed = tx
            .select({ seq: consents.seq, hash: consents.hash })
            .from(consents)
            .where(and(eq(consents.siteId, siteId), lt(consents.receivedAt, cutoff)))
            .orderBy(asc(consents.seq))
            .limit(limit)
            .all()
          const last = doomed.at(-1)
          if (!last) return 0
          tx.delete(consents)
            .where(and(eq(consents.siteId, siteId), lt(consents.receivedAt, cutoff), sql`${consents.seq} <= ${last.seq}`))
            .run()
          tx.update(sites).set({ anchorHash: last.hash }).where(eq(sites.id, siteId)).run()
          const prev = tx.select().from(chainPurges).where(eq(chainPurges.siteId, siteId)).orderBy(desc(chainPurges.number)).limit(1).get()
          tx.insert(chainPurges)
            .values(entry(prev, { count: doomed.length, upToHash: last.hash }))
            .run()
          return doomed.length
        },
        { behavior: 'immediate' },
      )
    },
    async listPurges(siteId) {
      return db.select().from(chainPurges).where(eq(chainPurges.siteId, siteId)).orderBy(asc(chainPurges.number)).all()
    },
    async chainSize(siteId) {
      // One statement, one snapshot: the purged count and the records up to the last one cannot disagree.
      const row = client
        .prepare<[string], { hash: string; tree_size: number }>(
          `select c.hash, (select coalesce(sum(p.count), 0) from chain_purges p where p.site_id = c.site_id)
             + (select count(*) from consents c2 where c2.site_id = c.site_id and c2.seq <= c.seq) as tree_size
           from consents c where c.site_id = ? order by c.seq desc limit 1`,
        )
        .get(siteId)
      return row ? { treeSize: row.tree_size, head: row.hash } : undefined
    },
    async insertCheckpoint(row) {
      db.insert(checkpoints).values(row).onConflictDoNothing().run()
    },
    async listCheckpoints(siteId, limit) {
      return db.select().from(checkpoints).where(eq(checkpoints.siteId, siteId)).orderBy(desc(checkpoints.treeSize)).limit(limit).all()
    },
    async stats(siteId, from, to) {
      const day = sql<string>`strftime('%Y-%m-%d', ${consents.receivedAt} / 1000, 'unixepoch')`
      const rows = db
        .select({
          day,
          jurisdiction: consents.jurisdiction,
          method: consents.method,
          decisions: sql<number>`count(*)`,
          functional: sql<number>`sum(${consents.functional})`,
          analytics: sql<number>`sum(${consents.analytics})`,
          advertising: sql<number>`sum(${consents.advertising})`,
          doNotSell: sql<number>`sum(${consents.doNotSell})`,
          gpc: sql<number>`sum(${consents.gpc})`,
        })
        .from(consents)
        .where(and(eq(consents.siteId, siteId), gte(consents.receivedAt, from), lt(consents.receivedAt, to)))
        .groupBy(day, consents.jurisdiction, consents.method)
        .orderBy(day, consents.jurisdiction, consents.method)
        .all()
      return rows as StatsRow[]
    },
    async countConsents(siteId) {
      return db.$count(consents, eq(consents.siteId, siteId))
    },

    async insertScan(row) {
      db.insert(scans).values(row).run()
    },
    async updateScan(id, patch) {
      db.update(scans).set(patch).where(eq(scans.id, id)).run()
    },
    async getScan(id) {
      return db.select().from(scans).where(eq(scans.id, id)).get()
    },
    async listScans(siteId, limit) {
      const { result: _result, ...summary } = getTableColumns(scans)
      return db.select(summary).from(scans).where(eq(scans.siteId, siteId)).orderBy(desc(scans.createdAt), desc(scans.id)).limit(limit).all()
    },
    async deleteSite(id) {
      return db.transaction(
        (tx) => {
          const records = tx.select({ n: sql<number>`count(*)` }).from(consents).where(eq(consents.siteId, id)).get()?.n ?? 0
          if (records > 0) return { deleted: false, records }
          tx.delete(configVersions).where(eq(configVersions.siteId, id)).run()
          tx.delete(scans).where(eq(scans.siteId, id)).run()
          const r = tx.delete(sites).where(eq(sites.id, id)).run()
          return { deleted: r.changes > 0, records: 0 }
        },
        { behavior: 'immediate' },
      )
    },
  }
}

/** A `select *` row of the consents table (column names, booleans as 0/1) as a record. */
function recordFromRow(columns: readonly (readonly [string, Column])[]): (row: Record<string, unknown>) => ConsentRecord {
  const fields = [['seq', 'seq', false] as const, ...columns.map(([key, column]) => [key, column.name, column.dataType === 'boolean'] as const)]
  return (row) => {
    const record: Record<string, unknown> = {}
    for (const [key, name, boolean] of fields) record[key] = boolean && row[name] !== null ? row[name] === 1 : row[name]
    return record as unknown as ConsentRecord
  }
}
