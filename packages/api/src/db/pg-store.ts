import { and, asc, eq, getTableColumns, gt, gte, isNull, lt, lte, max, or, sql, type SQL } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type { PgColumn } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { GENESIS_HASH, type ConsentRecord } from '../records/chain'
import { migrationsDir } from './migrations-dir'
import { apiKeys, configVersions, consents, signingKeys, sites } from './schema-pg'
import type { AppendOutcome, ConsentFilter, ConsentStore, StatsRow } from './store'

const schema = { sites, configVersions, apiKeys, signingKeys, consents }

// Column list of `consents` from the schema, so the plain-SQL write path cannot drift from it.
const COLUMNS = Object.entries(getTableColumns(consents)) as [keyof ConsentRecord, PgColumn][]
const BIGINTS = new Set(COLUMNS.filter(([, c]) => /bigint|bigserial/.test(c.getSQLType())).map(([k]) => k))
const INSERT_COLUMNS = COLUMNS.filter(([key]) => key !== 'seq')
const INSERT_SQL = `insert into consents (${INSERT_COLUMNS.map(([, c]) => `"${c.name}"`).join(', ')}) select * from unnest(${INSERT_COLUMNS.map(
  ([, c], i) => `$${i + 1}::${c.getSQLType().replace('bigserial', 'bigint')}[]`,
).join(', ')}) returning id, seq`
// One exact (site_id, idempotency_key) index probe per pair. Measured: `site_id = any(…) and idempotency_key = any(…)`
// was planned as a scan of the site's whole index range with the keys as a filter (a site absent from the last
// ANALYZE is estimated at one row), so each batch cost grew with the site's record count: writes fell ~20% a round.
export const IDEMPOTENT_SQL = `select ${COLUMNS.map(([key, c]) => `c."${c.name}" as "${key}"`).join(', ')} from unnest($1::text[], $2::text[]) as k(site_id, idempotency_key) cross join lateral (select * from consents where site_id = k.site_id and idempotency_key = k.idempotency_key) c`

/** A raw row (aliased to camelCase) as a record; PostgreSQL returns bigint as a string. */
function toRecord(row: Record<string, unknown>): ConsentRecord {
  for (const key of BIGINTS) if (row[key] !== null && row[key] !== undefined) row[key] = Number(row[key])
  return row as unknown as ConsentRecord
}

/** Connects to PostgreSQL (`postgres://…`), applies the committed migrations and returns the store. */
export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<ConsentStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
  // An idle connection that the server drops (restart, failover, admin termination) is reported here;
  // unhandled, node-postgres would crash the process. The pool replaces the connection on next use.
  pool.on('error', (error) => console.warn(`[consentry] PostgreSQL connection lost: ${error.message}`))
  const db = drizzle({ client: pool, schema })
  // Serialise concurrent migrators (several instances starting at once).
  const lock = await pool.connect()
  try {
    await lock.query('select pg_advisory_lock(774411)')
    await migrate(db, { migrationsFolder: migrationsDir('pg') })
  } finally {
    await lock.query('select pg_advisory_unlock(774411)').catch(() => undefined)
    lock.release()
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
      const [row] = await db.update(sites).set({ ...patch, updatedAt: at }).where(eq(sites.id, id)).returning()
      return row
    },

    async publishConfigVersion(row) {
      return db.transaction(async (tx) => {
        // Lock the site row so two publishes cannot take the same version number.
        await tx.execute(sql`select id from sites where id = ${row.siteId} for update`)
        const [current] = await tx.select({ v: max(configVersions.version) }).from(configVersions).where(eq(configVersions.siteId, row.siteId))
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
      const rows = await db.update(apiKeys).set({ revokedAt: at }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id })
      return rows.length > 0
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
      // The hot path, in plain SQL on one pooled connection: measured, building a multi-row insert through the
      // query builder cost ~140 µs per record; one `insert … select from unnest(arrays)` costs a few.
      const client = await pool.connect()
      try {
        await client.query('begin')
        const siteIds = [...new Set(items.map((i) => i.siteId))].sort()
        // Row locks on the chain heads: concurrent writers (other instances) extend each chain in turn.
        const headRows = await client.query<{ id: string; head_hash: string | null; last_received_at: string }>(
          'select id, head_hash, last_received_at from sites where id = any($1::text[]) order by id for update',
          [siteIds],
        )
        const heads = new Map(headRows.rows.map((r) => [r.id, { hash: r.head_hash ?? GENESIS_HASH, at: Number(r.last_received_at) }]))
        const keyed = items.filter((i) => i.idempotencyKey !== null)
        const existing = keyed.length
          ? (await client.query<Record<string, unknown>>(IDEMPOTENT_SQL, [keyed.map((i) => i.siteId), keyed.map((i) => i.idempotencyKey)])).rows.map(toRecord)
          : []
        const seen = new Map<string, ConsentRecord>(existing.map((r) => [`${r.siteId}\u0000${r.idempotencyKey}`, r]))
        const rows: ConsentRecord[] = []
        const out: AppendOutcome[] = []
        const now = Date.now()
        for (const item of items) {
          const idemKey = `${item.siteId}\u0000${item.idempotencyKey}`
          const prior = seen.get(idemKey)
          if (prior) {
            out.push({ record: prior, replay: true })
            continue
          }
          const head = heads.get(item.siteId)
          if (!head) throw new Error(`site ${item.siteId} vanished`)
          const record = seal(item, head.hash, Math.max(now, head.at))
          heads.set(item.siteId, { hash: record.hash, at: record.receivedAt })
          seen.set(idemKey, record)
          rows.push(record)
          out.push({ record, replay: false })
        }
        if (rows.length > 0) {
          const arrays = INSERT_COLUMNS.map(([key]) => rows.map((r) => r[key]))
          const inserted = await client.query<{ id: string; seq: string }>(INSERT_SQL, arrays)
          const seqs = new Map(inserted.rows.map((r) => [r.id, Number(r.seq)]))
          for (const r of rows) r.seq = seqs.get(r.id)!
          for (const [siteId, head] of heads) {
            if (rows.some((r) => r.siteId === siteId)) {
              await client.query('update sites set head_hash = $2, last_received_at = $3 where id = $1', [siteId, head.hash, head.at])
            }
          }
        }
        await client.query('commit')
        return out
      } catch (error) {
        await client.query('rollback').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    async queryConsents(siteId, filter, afterSeq, limit) {
      return db
        .select()
        .from(consents)
        .where(and(eq(consents.siteId, siteId), gt(consents.seq, afterSeq), ...filterConditions(filter)))
        .orderBy(asc(consents.seq))
        .limit(limit)
    },
    async visitorHistory(visitorId, siteId) {
      const cond = siteId ? and(eq(consents.visitorId, visitorId), eq(consents.siteId, siteId)) : eq(consents.visitorId, visitorId)
      return db.select().from(consents).where(cond).orderBy(asc(consents.seq))
    },
    async eraseSubject(siteId, subject, at) {
      const who = subjectCondition(subject)
      if (!who) return 0
      const rows = await db
        .update(consents)
        .set({ visitorId: null, externalUserId: null, idempotencyKey: null, pageUrl: null, ip: null, userAgent: null, gppString: null, salt: null, erasedAt: at })
        .where(and(eq(consents.siteId, siteId), who))
        .returning({ seq: consents.seq })
      return rows.length
    },
    async purgeBatch(siteId, cutoff, limit) {
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
        return doomed.length
      })
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
  }
}

function subjectCondition(subject: { visitorId?: string | undefined; externalUserId?: string | undefined }): SQL | undefined {
  const parts: SQL[] = []
  if (subject.visitorId) parts.push(eq(consents.visitorId, subject.visitorId))
  if (subject.externalUserId) parts.push(eq(consents.externalUserId, subject.externalUserId))
  return parts.length ? or(...parts) : undefined
}

function filterConditions(f: ConsentFilter): SQL[] {
  const out: SQL[] = []
  if (f.from !== undefined) out.push(gte(consents.receivedAt, f.from))
  if (f.to !== undefined) out.push(lt(consents.receivedAt, f.to))
  if (f.visitorId) out.push(eq(consents.visitorId, f.visitorId))
  if (f.externalUserId) out.push(eq(consents.externalUserId, f.externalUserId))
  if (f.jurisdiction) out.push(eq(consents.jurisdiction, f.jurisdiction))
  if (f.method) out.push(eq(consents.method, f.method))
  return out
}
