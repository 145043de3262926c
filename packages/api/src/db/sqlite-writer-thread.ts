import { createRequire } from 'node:module'
import { parentPort, workerData } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { STORED_KEYS_SQL, type WriteBatch, type WriteResult, type WriterAnswer, type WriterData, type WriterRequest } from './sqlite-writer'

// The body of the SQLite writer thread (bundled to workers/sqlite-writer.mjs). It owns the only connection that
// appends records; BEGIN IMMEDIATE + a head check make a concurrent writer a conflict, not a fork.

const { file, insertSql, driver } = workerData as WriterData
const Database = createRequire(import.meta.url)(driver) as typeof BetterSqlite3
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
db.pragma('cache_size = -65536')
const head = db.prepare<[string], string | null>('select head_hash from sites where id = ?').pluck()
const stored = db.prepare<[string, string], Record<string, unknown>>(STORED_KEYS_SQL)
const insert = db.prepare<unknown[]>(insertSql)
const move = db.prepare<[string, number, string]>('update sites set head_hash = ?, last_received_at = ? where id = ?')

const write = db.transaction((batch: WriteBatch): WriteResult => {
  for (const [siteId, expected] of batch.expect) if ((head.get(siteId) ?? null) !== expected) return { conflict: true }
  const seqs = batch.rows.map((row) => Number(insert.run(row).lastInsertRowid))
  for (const [siteId, hash, at] of batch.heads) move.run(hash, at, siteId)
  return { seqs }
})

function failure(id: number, error: unknown): WriterAnswer {
  const e = error as { message?: string; code?: string } | null
  return { id, error: String(e?.message ?? error), code: e?.code }
}

const port = parentPort!
port.on('message', ({ id, json }: WriterRequest) => {
  let batch: WriteBatch | undefined
  try {
    batch = JSON.parse(json) as WriteBatch
    port.postMessage({ id, result: write.immediate(batch) } satisfies WriterAnswer)
  } catch (error) {
    // Every message gets an answer: a throw here would end the thread and fail every waiting batch.
    let answer: WriterAnswer
    try {
      const refused = (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
      const replays = refused && batch ? batch.keys.flatMap(([siteId, keys]) => stored.all(siteId, keys)) : []
      answer = replays.length > 0 ? { id, result: { replays } } : failure(id, error)
    } catch (lookupError) {
      answer = failure(id, lookupError)
    }
    port.postMessage(answer)
  }
})
