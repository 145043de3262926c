import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
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

/** Starts `consentry serve` on a free port and resolves with its URL once it listens. */
export function serveCli(cli: string, databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, CONSENTRY_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+) /.exec(out)
      if (m) resolve({ child, url: m[1]! })
    })
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)))
  })
}
