import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Bundles the CLI into `dist/test-<id>/cli.js` (Node 20 cannot run our .ts), independent of `pnpm build`.
 * Inside the package, so the bundle finds `drizzle/` and `node_modules` as the real one does.
 */
export function buildCliForTest(): string {
  const pkg = join(import.meta.dirname, '..')
  const dir = join(pkg, 'dist', `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(dir, { recursive: true })
  const out = join(dir, 'cli.js')
  execFileSync(process.execPath, [join(pkg, 'scripts', 'build.mjs'), out], { stdio: 'pipe' })
  return out
}
