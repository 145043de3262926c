import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
    /** The stores a project's suites run on (`STORES` in helpers.ts). */
    stores: ('sqlite' | 'postgres')[]
  }
}

/** `$CONSENTRY_PG_BIN`, else the newest `/usr/lib/postgresql/<v>/bin`. */
function findPgBin(): string {
  const candidates = [process.env.CONSENTRY_PG_BIN]
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`))
  }
  const bin = candidates.find((c): c is string => !!c && existsSync(join(c, 'initdb')) && existsSync(join(c, 'postgres')))
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries (initdb, postgres) not found: install postgresql (apt-get install postgresql; `npm test` does it) or set CONSENTRY_PG_BIN',
    )
  }
  return bin
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** Starts a PostgreSQL server in a temp dir on 127.0.0.1 (fsync off: only the server under test must be durable). */
export default async function setup(project: TestProject) {
  const bin = findPgBin()
  const dir = mkdtempSync(join(tmpdir(), 'consentry-pg-'))
  const data = join(dir, 'data')
  // initdb refuses to run as root: run the server as the postgres user then.
  const asRoot = process.getuid?.() === 0
  const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args])
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const [initCmd, initArgs] = wrap(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'])
  execFileSync(initCmd, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  const [cmd, args] = wrap(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ])
  const server = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  server.stderr.on('data', (d: Buffer) => (log += d.toString()))
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const deadline = Date.now() + 30_000
  for (;;) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      break
    } catch {
      await client.end().catch(() => undefined)
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  project.provide('postgresUrl', url)
  return async () => {
    const exited = new Promise((r) => server.once('exit', r))
    // Signal the postmaster itself (runuser does not forward signals): SIGINT is a fast shutdown.
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    if (pid > 0) process.kill(pid, 'SIGINT')
    else server.kill('SIGINT')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    rmSync(dir, { recursive: true, force: true })
  }
}
