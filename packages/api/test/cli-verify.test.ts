import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishCheckpoints } from '../src/records/checkpoints'
import { loadSigner } from '../src/records/signing'
import { buildCliForTest } from './build-cli'
import { consentBody, postConsent, publishedSite, rawQuery, STORES, testApi } from './helpers'

const run = promisify(execFile)

describe.each(STORES)('consentry verify --checkpoint (%s)', (kind) => {
  let cli: string
  let dir: string
  beforeAll(() => {
    cli = buildCliForTest()
    dir = mkdtempSync(join(tmpdir(), 'consentry-verify-'))
  })
  afterAll(() => {
    rmSync(dirname(cli), { recursive: true, force: true })
    rmSync(dir, { recursive: true, force: true })
  })

  it('holds the log to checkpoints saved from the public route, after the tamperer removed the stored ones', async () => {
    const api = await testApi(kind)
    try {
      const site = await publishedSite(api)
      for (let i = 0; i < 4; i++) expect((await postConsent(api, consentBody(site))).status).toBe(201)
      await publishCheckpoints(api.db.store, await loadSigner(api.db.store))
      const file = join(dir, 'saved.json')
      writeFileSync(file, await (await api.app.request(`/v1/sites/${site.siteId}/checkpoints`)).text())
      const env = { ...process.env, DATABASE_URL: kind === 'sqlite' ? `file:${api.db.location}` : api.db.location }
      const verify = (...args: string[]) => run(process.execPath, [cli, 'verify', site.siteId, ...args], { env })
      expect(JSON.parse((await verify('--checkpoint', file)).stdout)).toMatchObject({ valid: true, checked: 4, checkpoints: 2 })

      const sql = (text: string, params: unknown[] = []) => rawQuery(kind, api.db.location, text, params)
      const hashes = (await sql('select hash from consents order by seq')).map((r) => r.hash as string)
      await sql('delete from consents where hash = $1', [hashes[3]])
      await sql('update sites set head_hash = $1', [hashes[2]])
      await sql('delete from checkpoints')
      expect(JSON.parse((await verify()).stdout)).toMatchObject({ valid: true, checked: 3 })
      const caught = await verify('--checkpoint', file).then(
        () => null,
        (e: { code: number; stdout: string }) => e,
      )
      expect(caught?.code).toBe(1)
      expect(JSON.parse(caught!.stdout)).toMatchObject({ valid: false, firstBroken: { reason: 'truncated_before_checkpoint' } })
    } finally {
      await api.db.cleanup()
    }
  }, 60_000)
})
