import { resolve } from 'node:path'
import { openPostgresStore } from './pg-store'
import { openSqliteStore } from './sqlite-store'
import type { RecordStore } from './store'

/** The default database: a SQLite file under `./data`. */
export const DEFAULT_DATABASE_URL = 'file:./data/consentry.db'

/**
 * Opens the store a `DATABASE_URL` names: `postgres://…` / `postgresql://…` → PostgreSQL, `file:path` or a
 * plain path → SQLite. Migrations run on open.
 */
export async function openStore(url: string = DEFAULT_DATABASE_URL): Promise<RecordStore> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url)
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url
  return openSqliteStore(path === ':memory:' ? path : resolve(path))
}
