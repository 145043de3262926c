import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface RunningDemo {
  origin: string
  adminKey: string
  output: () => string
  stop(): Promise<void>
}

const REPO = resolve(import.meta.dirname, '../../..')

export interface StartOptions {
  /** Data folder to use and keep (default: a fresh one, removed on stop). */
  dataDir?: string
  /** `server` starts the built server alone (what `npm start` runs after building), without rebuilding. */
  command?: 'npm start' | 'server'
  /** Default 0: any free port. */
  port?: number
}

/**
 * Runs the README's start command (`npm start`) in the repository, on a free port, and waits until it prints its
 * URLs. Stops the whole process group afterwards.
 */
export async function startDemo(options: StartOptions = {}): Promise<RunningDemo> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'consentry-demo-'))
  const [cmd, ...args] = options.command === 'server' ? [process.execPath, join(REPO, 'examples/demo/dist/server.js')] : ['npm', 'start']
  const child: ChildProcess = spawn(cmd!, args, {
    cwd: REPO,
    env: { ...process.env, PORT: String(options.port ?? 0), CONSENTRY_DATA_DIR: dataDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM')
      await new Promise((ok) => child.once('exit', ok))
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start printed no URLs within 200 s:\n${out}`)), 200_000)
      child.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${out}`)))
      const poll = setInterval(() => {
        if (/Press Ctrl-C to stop/.test(out)) {
          clearInterval(poll)
          clearTimeout(timer)
          ok()
        }
      }, 100)
    })
  } catch (error) {
    await stop()
    throw error
  }
  const origin = /Publisher page\s+(http:\/\/[^/\s]+)\/site\//.exec(out)?.[1]
  const adminKey = /Admin key\s+(\S+)/.exec(out)?.[1]
  if (!origin || !adminKey) throw new Error(`could not read the demo URLs:\n${out}`)
  return { origin, adminKey, output: () => out, stop }
}
