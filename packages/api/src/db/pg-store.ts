import { errorFields, logLine } from '../log'
import { and, asc, desc, eq, getTableColumns, gt, gte, isNull, lt, lte, max, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type { PgColumn } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { GENESIS_HASH, type ConsentRecord } from '../records/chain'
import { filterConditions, subjectCondition, visitorHistoryCondition, tombstone } from './consent-queries'
import { migrationsDir } from './migrations-dir'
import { apiKeys, chainPurges, checkpoints, configVersions, consents, scans, signingKeys, sites } from './schema-pg'
import { replayKey, type AppendOutcome, type RecordStore, type StatsRow, type UnsealedConsent } from './store'

const schema = { sites, configVersions, apiKeys, signingKeys, consents, chainPurges, checkpoints, scans }

// Column list of `consents` from the schema, so the plain-SQL write path cannot drift from it.
const COLUMNS = Object.entries(getTableColumns(consents)) as [keyof ConsentRecord, PgColumn][]
const BIGINTS = new Set(COLUMNS.filter(([, c]) => /bigint|bigserial/.test(c.getSQLType())).map(([k]) => k))
const INSERT_COLUMNS = COLUMNS.filter(([key]) => key !== 'seq')
// One statement, atomic on its own: move each site's head from the hash the batch was sealed against ($1–$4,
// per site), then insert the rows ($5) of the sites whose head moved. A head another writer moved meanwhile
// matches nothing (READ COMMITTED re-checks the locked row), so that site's rows are not inserted.
// Both hot statements are named (prepared once per connection): parsing and planning this statement anew for
// every batch was a large share of the PostgreSQL server's CPU per write (docs/benchmarks.md).
// The rows travel as one JSON array of the sealed records, read back under their own (camelCase) keys: one array
// parameter per column made node-postgres encode every array in JavaScript on the request thread, where
// JSON.stringify is cheaper; the server spends about the same either way.
// The inserted (id, seq) pairs come back as one JSON value, not a row each: node-postgres parses every row
// message in JavaScript on the request thread.
const APPEND_SQL = `with moves as (select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as m(site_id, expected, head_hash, at)),
moved as (update sites s set head_hash = m.head_hash, last_received_at = m.at from moves m where s.id = m.site_id and s.head_hash is not distinct from m.expected returning s.id),
ins as (insert into consents (${INSERT_COLUMNS.map(([, c]) => `"${c.name}"`).join(', ')}) select ${INSERT_COLUMNS.map(([key]) => `u."${key}"`).join(', ')}
from json_to_recordset($5::json) as u(${INSERT_COLUMNS.map(([key, c]) => `"${key}" ${c.getSQLType()}`).join(', ')}) where u."siteId" in (select id from moved) returning id, seq)
select json_agg(json_build_array(id, seq)) as inserted from ins`
// One exact (site_id, idempotency_key) index probe per pair: `site_id = any(…) and idempotency_key = any(…)` was
// planned as a scan of the site's whole index range with the keys as a filter (a site absent from the last
// ANALYZE is estimated at one row), so each batch cost grew with the site's record count (pg-plans test).
export const IDEMPOTENT_SQL = `select ${COLUMNS.map(([key, c]) => `c."${c.name}" as "${key}"`).join(', ')} from unnest($1::text[], $2::text[]) as k(site_id, idempotency_key) cross join lateral (select * from consents where site_id = k.site_id and idempotency_key = k.idempotency_key) c`

/** PostgreSQL's unique_violation on the (site, idempotency key) index: a retried delivery of a stored record. */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string }
  return e.code === '23505' && e.constraint === 'consents_site_idempotency'
}

/** A raw row (aliased to camelCase) as a record; PostgreSQL returns bigint as a string. */
function toRecord(row: Record<string, unknown>): ConsentRecord {
  for (const key of BIGINTS) if (row[key] !== null && row[key] !== undefined) row[key] = Number(row[key])
  return row as unknown as ConsentRecord
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number
  /** How long opening a connection may take before it fails (default 10 s). */
  connectTimeoutMs?: number
}

/** Connects to PostgreSQL (`postgres://…`), applies the committed migrations and returns the store. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<RecordStore> {
  // Without a connect timeout, a server that accepts TCP but never answers (a half-dead host, a black-holing
  // firewall) makes startup hang silently, and later stalls the single writer on a connection being replaced.
  // TCP keepalive lets the kernel notice a peer that vanished under an open connection.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  })
  // An idle connection that the server drops (restart, failover, admin termination) is reported here;
  // unhandled, node-postgres would crash the process. The pool replaces the connection on next use.
  pool.on('error', (error) => logLine('warn', 'postgres_connection_lost', {}, errorFields(error)))
  const db = drizzle({ client: pool, schema })
  // Serialise concurrent migrators (several instances starting at once).
  const lock = await pool.connect().catch(async (error: unknown) => {
    // Nothing to serve without a database: close the pool so no socket or timer keeps the process alive.
    await pool.end().catch(() => undefined)
    throw error
  })
  try {
    await lock.query('select pg_advisory_lock(774411)')
    await migrate(db, { migrationsFolder: migrationsDir('pg') })
  } finally {
    await lock.query('select pg_advisory_unlock(774411)').catch(() => undefined)
    lock.release()
  }

  // Chain heads as this process last wrote or read them. Another writer (a second instance) may move a head:
  // the write statement then inserts nothing for that site, and the head is read again.
  const heads = new Map<string, { stored: string | null; at: number }>()
  /** The stored heads of some sites; `lock` takes their row locks (in the caller's transaction). */
  const readHeads = async (client: pg.Pool | pg.PoolClient, siteIds: string[], lock: boolean) => {
    const found = await client.query<{ id: string; head_hash: string | null; last_received_at: string }>(
      `select id, head_hash, last_received_at from sites where id = any($1::text[]) order by id${lock ? ' for update' : ''}`,
      [siteIds],
    )
    return new Map(found.rows.map((r) => [r.id, { stored: r.head_hash, at: Number(r.last_received_at) }]))
  }

  /**
   * One attempt at a batch. Optimistic (the usual case): one round trip and no explicit transaction, a
   * statement that moves each site's head only if it is still the one sealed against and inserts the rows of
   * the sites it moved. No idempotency lookup first: the unique index on (site, key) refuses a key already
   * stored, the statement then writes nothing, and the stored records go into `stored` for the next attempt.
   * The locking sequence (begin, lock heads, lookup, insert, update, commit) would take six round trips a
   * batch. `locked` (any later attempt) takes the heads' row locks first and looks the keys up under them, so it
   * cannot lose to another writer. Returns the outcomes it settled; the rest go again.
   */
  async function appendOnce(
    items: UnsealedConsent[],
    seal: Parameters<RecordStore['appendBatch']>[1],
    locked: boolean,
    stored: Map<string, ConsentRecord>,
  ): Promise<Map<UnsealedConsent, AppendOutcome>> {
    const siteIds = [...new Set(items.map((i) => i.siteId))].sort()
    const client = locked ? await pool.connect() : pool
    try {
      let start: Map<string, { stored: string | null; at: number }> | undefined
      if (locked) {
        await client.query('begin')
        start = await readHeads(client, siteIds, true)
      }
      const keyed = items.filter((i) => i.idempotencyKey !== null)
      if (locked) await rememberStored(client, keyed, stored)
      if (!start) {
        // Heads this process last wrote or read; a stale one only makes the write below insert nothing.
        const unknown = siteIds.filter((id) => !heads.has(id))
        if (unknown.length > 0) for (const [id, head] of await readHeads(pool, unknown, false)) heads.set(id, head)
        start = new Map(siteIds.flatMap((id) => (heads.has(id) ? [[id, heads.get(id)!] as const] : [])))
      }
      for (const id of siteIds) if (!start.has(id)) throw new Error(`site ${id} vanished`)
      const seen = new Map<string, ConsentRecord>(stored)
      const sealedHeads = new Map<string, { expected: string | null; hash: string; at: number }>()
      const rows: ConsentRecord[] = []
      const planned: [UnsealedConsent, ConsentRecord, boolean][] = []
      const now = Date.now()
      for (const item of items) {
        const idemKey = replayKey(item)
        const prior = item.idempotencyKey === null ? undefined : seen.get(idemKey)
        if (prior) {
          planned.push([item, prior, true])
          continue
        }
        const first = start.get(item.siteId)!
        const head = sealedHeads.get(item.siteId) ?? { expected: first.stored, hash: first.stored ?? GENESIS_HASH, at: first.at }
        // Receipt times never go backwards within a site, so age-based purges remove a prefix of the chain.
        const record = seal(item, head.hash, Math.max(now, head.at))
        sealedHeads.set(item.siteId, { expected: head.expected, hash: record.hash, at: record.receivedAt })
        if (item.idempotencyKey !== null) seen.set(idemKey, record)
        rows.push(record)
        planned.push([item, record, false])
      }
      const inserted = new Map<string, number>()
      if (rows.length > 0) {
        const moves = [...sealedHeads]
        let result: pg.QueryResult<{ inserted: [string, number][] | null }>
        try {
          result = await client.query<{ inserted: [string, number][] | null }>({
            name: 'consentry_append',
            text: APPEND_SQL,
            values: [moves.map(([id]) => id), moves.map(([, h]) => h.expected), moves.map(([, h]) => h.hash), moves.map(([, h]) => h.at), JSON.stringify(rows)],
          })
        } catch (error) {
          // A stored key: nothing was written and the heads did not move.
          if (!locked && isDuplicateKey(error)) {
            await rememberStored(client, keyed, stored)
            return new Map()
          }
          for (const [id] of moves) heads.delete(id)
          throw error
        }
        for (const [id, seq] of result.rows[0]?.inserted ?? []) inserted.set(id, seq)
        // A head another writer moved is forgotten, and read again by the next attempt.
        for (const [id, h] of moves) {
          if (rows.some((r) => r.siteId === id && inserted.has(r.id))) heads.set(id, { stored: h.hash, at: h.at })
          else heads.delete(id)
        }
      }
      if (locked) await client.query('commit')
      // Records sealed in this attempt (and replays of them) are settled only if their site's head moved.
      const freshIds = new Set(rows.map((r) => r.id))
      const settled = new Map<UnsealedConsent, AppendOutcome>()
      for (const [item, record, replay] of planned) {
        if (freshIds.has(record.id)) {
          const seq = inserted.get(record.id)
          if (seq === undefined) continue
          record.seq = seq
        }
        settled.set(item, { record, replay })
      }
      return settled
    } catch (error) {
      if (locked) await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      if (locked) (client as pg.PoolClient).release()
    }
  }

  /** Puts the stored records among some items' (site, idempotency key) pairs into `stored`. */
  const rememberStored = async (client: pg.Pool | pg.PoolClient, keyed: UnsealedConsent[], stored: Map<string, ConsentRecord>) => {
    if (keyed.length === 0) return
    const found = await client.query<Record<string, unknown>>({
      name: 'consentry_idempotent',
      text: IDEMPOTENT_SQL,
      values: [keyed.map((i) => i.siteId), keyed.map((i) => i.idempotencyKey)],
    })
    for (const r of found.rows.map(toRecord)) stored.set(replayKey(r), r)
  }

  return {
    dialect: 'postgres',
    async close() {
      await pool.end()
    },

    async insertSite(site) {
      await db.insert(sites).values(site)
    },
    async getSite(id) {
      const [row] = await db.select().from(sites).where(eq(sites.id, id))
      return row
    },
    async listSites() {
      return db.select().from(sites).orderBy(asc(sites.createdAt))
    },
    async updateSite(id, patch, at) {
      const [row] = await db
        .update(sites)
        .set({ ...patch, updatedAt: at })
        .where(eq(sites.id, id))
        .returning()
      return row
    },

    async publishConfigVersion(row) {
      return db.transaction(async (tx) => {
        // Lock the site row so two publishes cannot take the same version number.
        await tx.execute(sql`select id from sites where id = ${row.siteId} for update`)
        const [current] = await tx
          .select({ v: max(configVersions.version) })
          .from(configVersions)
          .where(eq(configVersions.siteId, row.siteId))
        const full = { ...row, version: (current?.v ?? 0) + 1 }
        await tx.insert(configVersions).values(full)
        await tx.update(sites).set({ publishedVersionId: row.id, updatedAt: row.createdAt }).where(eq(sites.id, row.siteId))
        return full
      })
    },
    async getConfigVersion(id) {
      const [row] = await db.select().from(configVersions).where(eq(configVersions.id, id))
      return row
    },
    async listConfigVersions(siteId) {
      return db.select().from(configVersions).where(eq(configVersions.siteId, siteId)).orderBy(asc(configVersions.version))
    },

    async insertApiKey(row) {
      await db.insert(apiKeys).values(row)
    },
    async findApiKeyBySecretHash(secretHash) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.secretHash, secretHash))
      return row
    },
    async revokeApiKey(id, at) {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id })
      return rows.length > 0
    },

    async listApiKeys() {
      return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt))
    },

    async getSigningKey() {
      const [row] = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1)
      return row
    },
    async ensureSigningKey(row) {
      await db.insert(signingKeys).values(row).onConflictDoNothing()
      const [kept] = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1)
      if (!kept) throw new Error('signing key was not stored')
      return kept
    },

    async appendBatch(items, seal) {
      // Records of sites whose chain another writer extended meanwhile go again, holding the heads' locks.
      const done = new Map<UnsealedConsent, AppendOutcome>()
      const stored = new Map<string, ConsentRecord>()
      let pending = items
      for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
        for (const [item, outcome] of await appendOnce(pending, seal, attempt > 0, stored)) done.set(item, outcome)
        pending = pending.filter((item) => !done.has(item))
      }
      if (pending.length > 0) throw new Error('the hash chain kept moving under concurrent writers; giving up on this batch')
      return items.map((item) => done.get(item)!)
    },
    isRecordRefusal(error) {
      // SQLSTATE classes 22 (data exception: out of range, bad encoding) and 23 (integrity constraint violation).
      return /^2[23]/.test(String((error as { code?: unknown }).code))
    },
    async queryConsents(siteId, filter, afterSeq, limit) {
      return db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), gt(consents.seq, afterSeq), ...filterConditions(consents, filter)))
        .orderBy(asc(consents.seq))
        .limit(limit)
    },
    async findConsent(siteId, id) {
      const [record] = await db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), eq(consents.id, id)))
      if (!record) return undefined
      const [previous] = await db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), lt(consents.seq, record.seq)))
        .orderBy(desc(consents.seq))
        .limit(1)
      const position = await db.$count(consents, and(eq(consents.siteId, siteId), lte(consents.seq, record.seq)))
      return { record, previous, position }
    },
    async visitorHistory(visitorId, siteId, afterSeq, limit) {
      return db
        .select()
        .from(consents)
        .where(visitorHistoryCondition(consents, visitorId, siteId, afterSeq))
        .orderBy(asc(consents.seq))
        .limit(limit)
    },
    async eraseSubject(siteId, subject, at) {
      const who = subjectCondition(consents, subject)
      if (!who) return 0
      const rows = await db
        .update(consents)
        .set(tombstone(at))
        .where(and(eq(consents.siteId, siteId), who))
        .returning({ seq: consents.seq })
      return rows.length
    },
    async purgeBatch(siteId, cutoff, limit, entry) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select id from sites where id = ${siteId} for update`)
        const doomed = await tx
          .select({ seq: consents.seq, hash: consents.hash })
          .from(consents)
          .where(and(eq(consents.siteId, siteId), lt(consents.receivedAt, cutoff)))
          .orderBy(asc(consents.seq))
          .limit(limit)
        const last = doomed.at(-1)
        if (!last) return 0
        await tx.delete(consents).where(and(eq(consents.siteId, siteId), lt(consents.receivedAt, cutoff), lte(consents.seq, last.seq)))
        await tx.update(sites).set({ anchorHash: last.hash }).where(eq(sites.id, siteId))
        const [prev] = await tx.select().from(chainPurges).where(eq(chainPurges.siteId, siteId)).orderBy(desc(chainPurges.number)).limit(1)
        await tx.insert(chainPurges).values(entry(prev, { count: doomed.length, upToHash: last.hash }))
        return doomed.length
      })
    },
    async listPurges(siteId) {
      return db.select().from(chainPurges).where(eq(chainPurges.siteId, siteId)).orderBy(asc(chainPurges.number))
    },
    async chainSize(siteId) {
      // One statement, one snapshot: the purged count and the records up to the last one cannot disagree.
      const { rows } = await db.execute<{ hash: string; tree_size: string }>(
        sql`select c.hash, (select coalesce(sum(p.count), 0) from chain_purges p where p.site_id = c.site_id)
              + (select count(*) from consents c2 where c2.site_id = c.site_id and c2.seq <= c.seq) as tree_size
            from consents c where c.site_id = ${siteId} order by c.seq desc limit 1`,
      )
      const row = rows[0]
      return row ? { treeSize: Number(row.tree_size), head: row.hash } : undefined
    },
    async insertCheckpoint(row) {
      await db.insert(checkpoints).values(row).onConflictDoNothing()
    },
    async listCheckpoints(siteId, limit) {
      return db.select().from(checkpoints).where(eq(checkpoints.siteId, siteId)).orderBy(desc(checkpoints.treeSize)).limit(limit)
    },
    async stats(siteId, from, to) {
      const day = sql<string>`to_char(to_timestamp(${consents.receivedAt} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`
      const rows = await db
        .select({
          day,
          jurisdiction: consents.jurisdiction,
          method: consents.method,
          decisions: sql<number>`count(*)::int`,
          functional: sql<number>`count(*) filter (where ${consents.functional})::int`,
          analytics: sql<number>`count(*) filter (where ${consents.analytics})::int`,
          advertising: sql<number>`count(*) filter (where ${consents.advertising})::int`,
          doNotSell: sql<number>`count(*) filter (where ${consents.doNotSell})::int`,
          gpc: sql<number>`count(*) filter (where ${consents.gpc})::int`,
        })
        .from(consents)
        .where(and(eq(consents.siteId, siteId), gte(consents.receivedAt, from), lt(consents.receivedAt, to)))
        .groupBy(sql`1`, consents.jurisdiction, consents.method)
        .orderBy(sql`1`, consents.jurisdiction, consents.method)
      return rows as StatsRow[]
    },
    async countConsents(siteId) {
      return db.$count(consents, eq(consents.siteId, siteId))
    },

    async insertScan(row) {
      await db.insert(scans).values(row)
    },
    async updateScan(id, patch) {
      await db.update(scans).set(patch).where(eq(scans.id, id))
    },
    async getScan(id) {
      const [row] = await db.select().from(scans).where(eq(scans.id, id))
      return row
    },
    async listScans(siteId, limit) {
      const { result: _result, ...summary } = getTableColumns(scans)
      return db.select(summary).from(scans).where(eq(scans.siteId, siteId)).orderBy(desc(scans.createdAt), desc(scans.id)).limit(limit)
    },
    async deleteSite(id) {
      return db.transaction(async (tx) => {
        // Lock the site row: a consent append takes the same lock to extend the chain, so none can slip in.
        const locked = await tx.execute(sql`select id from sites where id = ${id} for update`)
        if (locked.rows.length === 0) return { deleted: false, records: 0 }
        const records = await tx.$count(consents, eq(consents.siteId, id))
        if (records > 0) return { deleted: false, records }
        await tx.delete(configVersions).where(eq(configVersions.siteId, id))
        await tx.delete(scans).where(eq(scans.siteId, id))
        await tx.delete(sites).where(eq(sites.id, id))
        return { deleted: true, records: 0 }
      })
    },
  }
}
