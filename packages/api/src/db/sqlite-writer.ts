import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** One batch for the writer thread: the chain heads it extends, the rows, and the heads it leaves. */
export interface WriteBatch {
  /** `[siteId, head_hash as read before sealing (null for an empty chain)]` */
  expect: [string, string | null][]
  /** `[siteId, JSON array of the idempotency keys of the rows]`: looked up when the unique index refuses one. */
  keys: [string, string][]
  rows: unknown[][]
  heads: [string, string, number][]
}

/** The stored rows (`select *`) among a site's idempotency keys, given as a JSON array: one query per site and batch. */
export const STORED_KEYS_SQL = 'select * from consents where site_id = ? and idempotency_key in (select value from json_each(?))'

/**
 * Committed (the rows' seqs); or nothing written: a head moved, or some keys are stored (their rows, `select *`).
 * No lookup before inserting: the unique index on (site, key) refuses a stored key, the transaction rolls back,
 * and only then are the batch's keys looked up: the same protocol as PostgreSQL's, one query a batch fewer
 * (on SQLite within the noise of the bench: the insert probes the same index pages the lookup warmed).
 */
export type WriteResult = { seqs: number[] } | { conflict: true } | { replays: Record<string, unknown>[] }

// Plain CommonJS, run as an eval'd worker from the sources (tests) and the bundle alike. It owns the only
// connection that appends records; BEGIN IMMEDIATE + a head check make a concurrent writer a conflict, not a fork.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
db.pragma('cache_size = -65536')
const head = db.prepare('select head_hash from sites where id = ?').pluck()
const stored = db.prepare(${JSON.stringify(STORED_KEYS_SQL)})
const insert = db.prepare(workerData.insertSql)
const move = db.prepare('update sites set head_hash = ?, last_received_at = ? where id = ?')
const write = db.transaction((batch) => {
  for (const [siteId, expected] of batch.expect) if ((head.get(siteId) ?? null) !== expected) return { conflict: true }
  const seqs = batch.rows.map((row) => Number(insert.run(row).lastInsertRowid))
  for (const [siteId, hash, at] of batch.heads) move.run(hash, at, siteId)
  return { seqs }
})
const replaysOf = (batch) => batch.keys.flatMap(([siteId, keys]) => stored.all(siteId, keys))
const failure = (id, error) => ({ id, error: String(error && error.message || error), code: error && error.code })
parentPort.on('message', ({ id, json }) => {
  let batch
  try {
    batch = JSON.parse(json)
    parentPort.postMessage({ id, result: write.immediate(batch) })
  } catch (error) {
    // Every message gets an answer: a throw here would end the thread and fail every waiting batch.
    let answer
    try {
      const replays = error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' ? replaysOf(batch) : []
      answer = replays.length > 0 ? { id, result: { replays } } : failure(id, error)
    } catch (lookupError) {
      answer = failure(id, lookupError)
    }
    parentPort.postMessage(answer)
  }
})
`

/**
 * The SQLite append path on its own thread: the request thread seals records and goes on parsing requests
 * while this thread inserts and waits for the fsync. Measured: committing on the request thread took about
 * 40% of its time under load (small batches, one fsync each).
 */
export class SqliteWriter {
  private readonly worker: Worker
  private nextId = 0
  private readonly waiting = new Map<number, { resolve: (r: WriteResult) => void; reject: (e: Error) => void }>()

  constructor(file: string, insertSql: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    this.worker = new Worker(WRITER, { eval: true, workerData: { file, insertSql, driver } })
    this.worker.on('message', (msg: { id: number; result?: WriteResult; error?: string; code?: string }) => {
      const w = this.waiting.get(msg.id)
      this.waiting.delete(msg.id)
      // The SQLite error code travels with the message, so the store can tell a refused record from a failure.
      if (msg.error !== undefined) w?.reject(Object.assign(new Error(msg.error), { code: msg.code }))
      else w?.resolve(msg.result!)
    })
    this.worker.on('error', (error) => {
      for (const w of this.waiting.values()) w.reject(error)
      this.waiting.clear()
    })
    this.worker.unref()
  }

  /** Commits one batch (one transaction, one fsync); resolves once it is durable. */
  write(batch: WriteBatch): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.waiting.set(id, { resolve, reject })
      // One string crosses threads far cheaper than a structured clone of many small arrays.
      this.worker.postMessage({ id, json: JSON.stringify(batch) })
    })
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
