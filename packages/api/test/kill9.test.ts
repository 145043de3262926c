import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../src/records/canonical'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { newSite } from '../src/sites'
import { openStore } from '../src/db/open-store'
import { allRecords } from '../src/db/paging'
import { verifyChain } from '../src/records/chain'
import { buildCliForTest, serveCli } from './build-cli'
import { consentBody, fromShop, openTestDb, sampleConfig, STORES, type TestDb } from './helpers'

let cli: string
beforeAll(() => {
  cli = buildCliForTest()
})
afterAll(() => rmSync(dirname(cli), { recursive: true, force: true }))

describe.each(STORES)('durability (%s)', (kind) => {
  let db: TestDb
  afterAll(async () => db?.cleanup())

  it('a record acknowledged with 201 survives kill -9 of the server right after the response', async () => {
    db = await openTestDb(kind)
    const site = newSite({ name: 'Durable', allowedOrigins: ['https://shop.example'], retentionDays: null })
    await db.store.insertSite(site)
    const config = canonicalJson(siteConfigSchema.parse(sampleConfig(site.id)))
    const version = await db.store.publishConfigVersion({ id: 'cfg_durable', siteId: site.id, config, hash: sha256Hex(config), createdAt: Date.now() })
    await db.store.close()

    const { child, url } = await serveCli(cli, db.location)
    const exited = new Promise((r) => child.once('exit', r))
    const acked: { id: string; hash: string }[] = []
    const target = { siteId: site.id, versionId: version.id, configHash: version.hash }
    // Many deliveries in flight; the server dies by SIGKILL as soon as the 100th acknowledgement is read.
    const sends = Array.from({ length: 400 }, async () => {
      try {
        const res = await fetch(`${url}/v1/consents`, fromShop(consentBody(target)))
        if (res.status !== 201) return
        const receipt = (await res.json()) as { id: string; hash: string }
        acked.push(receipt)
        if (acked.length === 100) child.kill('SIGKILL')
      } catch {
        // Connections cut by the kill.
      }
    })
    await Promise.all(sends)
    await exited
    expect(acked.length).toBeGreaterThanOrEqual(100)

    const reopened = await openStore(db.location)
    try {
      const stored = new Map<string, string>()
      for await (const r of allRecords(reopened, site.id)) stored.set(r.id, r.hash)
      for (const receipt of acked) expect(stored.get(receipt.id), receipt.id).toBe(receipt.hash)
      const fresh = await reopened.getSite(site.id)
      expect(await verifyChain(allRecords(reopened, site.id), fresh!.anchorHash)).toMatchObject({ valid: true })
    } finally {
      await reopened.close()
    }
    db.store = await openStore(db.location) // cleanup() closes it
  })
})
