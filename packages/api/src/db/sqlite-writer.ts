import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { workerFile } from '../workers/worker-file'

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

/** What the writer thread is started with: the database file, the insert statement and the driver's path. */
export interface WriterData {
  file: string
  insertSql: string
  driver: string
}

/** A batch sent to the writer thread: one string crosses threads far cheaper than a structured clone of many small arrays. */
export interface WriterRequest {
  id: number
  json: string
}

/** The thread's answer to one request: a result, or the error with its SQLite code (a refused record, or a failure). */
export type WriterAnswer = { id: number; result: WriteResult; error?: undefined } | { id: number; error: string; code: string | undefined }

/**
 * The SQLite append path on its own thread: the request thread seals records and goes on parsing requests
 * while this thread inserts and waits for the fsync, which on the request thread took a large share of its
 * time under load (small batches, one fsync each).
 */
export class SqliteWriter {
  private readonly worker: Worker
  private nextId = 0
  private readonly waiting = new Map<number, { resolve: (r: WriteResult) => void; reject: (e: Error) => void }>()

  constructor(file: string, insertSql: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    this.worker = new Worker(workerFile('sqlite-writer'), { workerData: { file, insertSql, driver } satisfies WriterData })
    this.worker.on('message', (msg: WriterAnswer) => {
      const w = this.waiting.get(msg.id)
      this.waiting.delete(msg.id)
      // The SQLite error code travels with the message, so the store can tell a refused record from a failure.
      if (msg.error !== undefined) w?.reject(Object.assign(new Error(msg.error), { code: msg.code }))
      else w?.resolve(msg.result)
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
      this.worker.postMessage({ id, json: JSON.stringify(batch) } satisfies WriterRequest)
    })
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
