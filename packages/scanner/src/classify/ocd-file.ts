import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importOpenCookieDatabase, type OcdImport } from './open-cookie-database'

/** The repository root (the folder with pnpm-workspace.yaml above this module), or null outside a checkout. */
function repoRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    dir = dirname(dir)
  }
  return null
}

/** Where the Open Cookie Database is looked for when no path is given: `../shared/open-cookie-database.csv` beside the checkout. */
export function defaultOcdPath(): string | null {
  const root = repoRoot()
  return root ? resolve(root, '..', 'shared', 'open-cookie-database.csv') : null
}

/**
 * Loads and checks the Open Cookie Database CSV from `path` (else CONSENTRY_OCD_PATH, else the default path).
 * A path given explicitly must exist; the default is used only when present. Null when there is none.
 */
export function loadOpenCookieDatabase(path?: string | null): (OcdImport & { path: string }) | null {
  const explicit = path ?? process.env.CONSENTRY_OCD_PATH ?? null
  const file = explicit ?? defaultOcdPath()
  if (!file) return null
  if (!existsSync(file)) {
    if (explicit) throw new Error(`Open Cookie Database not found at ${file} (from ${path ? '--ocd' : 'CONSENTRY_OCD_PATH'})`)
    return null
  }
  return { path: file, ...importOpenCookieDatabase(readFileSync(file, 'utf8')) }
}
