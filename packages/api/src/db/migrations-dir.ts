import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The committed migrations folder for a dialect, found by walking up from this module, so it works from
 * `src/db/` (tests) and from the bundled `dist/cli.js` alike.
 */
export function migrationsDir(dialect: 'sqlite' | 'pg'): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'drizzle', dialect)
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate
    dir = dirname(dir)
  }
  throw new Error(`migrations folder drizzle/${dialect} not found above ${fileURLToPath(import.meta.url)}`)
}
