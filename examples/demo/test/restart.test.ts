import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { startDemo } from './start-demo'

const dataDir = mkdtempSync(join(tmpdir(), 'consentry-demo-restart-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const versions = async (origin: string, key: string) => {
  const res = await fetch(`${origin}/v1/admin/sites/site_demo0001/config-versions`, { headers: { authorization: `Bearer ${key}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { versions: unknown[] }).versions.length
}

/** A port free now, kept for every start: the published configuration names the demo's origin. */
const freePort = () =>
  new Promise<number>((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => ok(port))
    })
  })
const port = await freePort()

// The demo server alone (as `npm start` runs it once built; the other suites start it with `npm start` itself).
const start = () => startDemo({ dataDir, command: 'server', port })

describe('the demo restarted on the same data folder', () => {
  it('creates the demo site, its configuration and the admin key once, and reuses them on the next start', async () => {
    const first = await start()
    const firstVersions = await versions(first.origin, first.adminKey)
    await first.stop()
    const second = await start()
    try {
      expect(second.adminKey).toBe(first.adminKey)
      expect(await versions(second.origin, second.adminKey)).toBe(firstVersions)
    } finally {
      await second.stop()
    }
  })

  it('starts with a new admin key when the database was deleted but an old key file was left', async () => {
    const before = await start()
    await before.stop()
    for (const file of ['consentry.db', 'consentry.db-wal', 'consentry.db-shm']) rmSync(join(dataDir, file), { force: true })
    const after = await start()
    try {
      expect(after.adminKey).not.toBe(before.adminKey)
      expect(await versions(after.origin, after.adminKey)).toBe(1)
    } finally {
      await after.stop()
    }
  })
})
