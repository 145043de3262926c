import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, loadSigner, openSqliteStore, type RecordStore } from '@consentry/api'
import { bootstrapDemoSite } from '../src/bootstrap'

const SITE_ID = 'site_demo0001'
const ORIGINS = ['http://127.0.0.1:9999', 'http://localhost:9999']

describe('demo bootstrap', () => {
  let dir: string
  let store: RecordStore
  let app: ReturnType<typeof createApp>
  const configPath = () => join(dir, 'site-config.json')
  const start = () =>
    bootstrapDemoSite({
      store,
      app,
      siteId: SITE_ID,
      origins: ORIGINS,
      configPath: configPath(),
      keyPath: join(dir, 'demo-admin-key.txt'),
      ownerKeyPath: join(dir, 'demo-owner-key.txt'),
    })
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-demo-boot-'))
    copyFileSync(join(import.meta.dirname, '../../site/site-config.json'), configPath())
    store = openSqliteStore(join(dir, 'demo.db'))
    app = createApp({ store, signer: await loadSigner(store), rateLimit: false, bannerPath: '/nonexistent.js' })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('does not republish its file over a configuration published through the admin API, unless the file changed', async () => {
    const first = await start()
    expect(first.allowedOrigins).toEqual(ORIGINS)
    const published = (await (
      await app.request(`/v1/admin/sites/${SITE_ID}/config-versions/${first.versionId}`, { headers: { authorization: `Bearer ${first.adminKey}` } })
    ).json()) as { config: Record<string, unknown> }
    const edited = await app.request(`/v1/admin/sites/${SITE_ID}/config-versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...published.config, name: 'Edited in the admin API' }),
    })
    expect(edited.status).toBe(201)
    const editedId = ((await edited.json()) as { id: string }).id

    expect((await start()).versionId).toBe(editedId)
    const file = JSON.parse(readFileSync(configPath(), 'utf8')) as Record<string, unknown>
    writeFileSync(configPath(), JSON.stringify({ ...file, name: 'Edited in the file' }))
    const third = await start()
    expect(third.versionId).not.toBe(editedId)
    expect(JSON.parse((await store.getConfigVersion(third.versionId))!.config).name).toBe('Edited in the file')
  })
})
