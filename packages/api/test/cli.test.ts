import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliForTest } from './build-cli'

const run = promisify(execFile)

describe('consentry CLI', () => {
  let cli: string
  let dir: string
  let env: NodeJS.ProcessEnv
  beforeAll(() => {
    cli = buildCliForTest()
    dir = mkdtempSync(join(tmpdir(), 'consentry-cli-'))
    env = { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}` }
  })
  afterAll(() => {
    rmSync(dirname(cli), { recursive: true, force: true })
    rmSync(dir, { recursive: true, force: true })
  })
  const consentry = async (...args: string[]) => run(process.execPath, [cli, ...args], { env })

  it('migrates, creates a site and keys, revokes a key, verifies, purges and exports', async () => {
    expect((await consentry('migrate')).stdout).toContain('migrated (sqlite)')
    const site = JSON.parse((await consentry('site', 'create', '--name', 'CLI shop', '--origin', 'https://cli.example', '--retention-days', '400')).stdout) as {
      id: string
      retentionDays: number
    }
    expect(site.id).toMatch(/^site_/)
    expect(site.retentionDays).toBe(400)
    const key = JSON.parse((await consentry('key', 'create', '--label', 'ops', '--site', site.id)).stdout) as { id: string; key: string; siteIds: string[] }
    expect(key.siteIds).toEqual([site.id])
    expect(key.key).toMatch(/^csk_/)
    expect((await consentry('key', 'revoke', key.id)).stdout).toContain(`revoked ${key.id}`)
    await expect(consentry('key', 'revoke', key.id)).rejects.toMatchObject({ code: 3 })
    expect(JSON.parse((await consentry('verify', site.id)).stdout)).toMatchObject({ valid: true, checked: 0 })
    expect(JSON.parse((await consentry('purge')).stdout)).toEqual([{ siteId: site.id, deleted: 0 }])
    expect((await consentry('export', site.id, '--format', 'csv')).stdout).toMatch(/^id,receivedAt,siteId/)
  })

  it('says which database it opened, and deletes a site only with the confirmation', async () => {
    const created = await consentry('site', 'create', '--name', 'Short-lived')
    expect(created.stderr).toContain(`database: SQLite ${join(dir, 'cli.db')}`)
    const site = JSON.parse(created.stdout) as { id: string }
    await expect(consentry('site', 'delete', site.id)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--confirm') })
    const deleted = await consentry('site', 'delete', site.id, '--confirm', site.id)
    expect(JSON.parse(deleted.stdout)).toMatchObject({ siteId: site.id, deleted: true, records: 0 })
    await expect(consentry('verify', site.id)).rejects.toMatchObject({ code: 3, stderr: expect.stringContaining('no site') })
  })

  it('exits 2 with a message naming the problem on bad arguments', async () => {
    await expect(consentry('site', 'create', '--name', 'x', '--origin', 'not-an-origin')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('allowedOrigins.0'),
    })
    await expect(consentry('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command') })
    await expect(consentry('verify', 'site_nosuchsite')).rejects.toMatchObject({ code: 3 })
  })

  it('answers misuse in one style: a message, the usage, no stack; documented exit codes; ids checked', async () => {
    const help = await consentry('--help')
    expect(help.stdout).toContain('Exit codes')
    for (const args of [['site', 'create', '--name'], ['site', 'create', '--nme', 'x'], ['site', 'create', '--name', 'x', '--retention-days', '-5'], []]) {
      const failure = (await consentry(...args).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      ))!
      expect(failure?.code, args.join(' ')).toBe(2)
      expect(failure.stderr).toMatch(/^consentry: /)
      expect(failure.stderr).not.toMatch(/TypeError|\n\s+at /)
    }
    await expect(consentry('key', 'create', '--label', 'x', '--site', 'site_doesnotexist')).rejects.toMatchObject({
      code: 3,
      stderr: expect.stringContaining('no site site_doesnotexist'),
    })
    await expect(consentry('export', 'site_doesnotexist')).rejects.toMatchObject({ code: 3 })
  })
})
