import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkpointSigned, type Checkpoint } from '../src/records/chain-audit'
import { publishCheckpoints } from '../src/records/checkpoints'
import { auditSite } from '../src/records/site-audit'
import { loadSigner, type Signer } from '../src/records/signing'
import { consentBody, postConsent, publishedSite, rawQuery, STORES, testApi, type PublishedSite, type TestApi } from './helpers'

type Json = Record<string, any>
const VISITOR = '5'.repeat(32)
const VICTIM = '6'.repeat(32)

/**
 * Someone with write access to the database edits it directly; `verify` (route, CLI) must say so. These are the
 * cases an independent review found passing as valid: tampering at the ends of the chain and in tombstones.
 */
describe.each(STORES)('chain tampering at the ends (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  let signer: Signer
  const sql = (text: string, params: unknown[] = []) => rawQuery(kind, api.db.location, text, params)
  const verify = async () => (await (await api.admin('GET', `/v1/admin/sites/${site.siteId}/verify`)).json()) as Json
  const hashes = async () => (await sql('select hash from consents where site_id = $1 order by seq', [site.siteId])).map((r) => r.hash as string)
  const savedCheckpoints = async () =>
    (await (await api.app.request(`/v1/sites/${site.siteId}/checkpoints`)).json()) as { checkpoints: Checkpoint[]; publicKey: string }

  beforeEach(async () => {
    api = await testApi(kind)
    site = await publishedSite(api)
    signer = await loadSigner(api.db.store)
    for (let i = 0; i < 6; i++) expect((await postConsent(api, consentBody(site, { visitorId: i % 2 ? VISITOR : VICTIM }))).status).toBe(201)
  })
  afterEach(async () => api.db.cleanup())

  it('deleting the newest record is caught: the tail no longer reaches the head', async () => {
    expect(await verify()).toMatchObject({ valid: true, checked: 6 })
    const [last] = await sql('select id from consents where site_id = $1 order by seq desc limit 1', [site.siteId])
    await sql('delete from consents where id = $1', [last!.id])
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { reason: 'head_mismatch' } })
  })

  it('deleting the last records and moving the head back is caught by a checkpoint taken before', async () => {
    expect(await publishCheckpoints(api.db.store, signer)).toBe(1)
    const saved = await savedCheckpoints()
    expect(saved.checkpoints).toHaveLength(1)
    expect(saved.checkpoints[0]).toMatchObject({ siteId: site.siteId, treeSize: 6, head: (await hashes())[5] })
    expect(checkpointSigned(saved.checkpoints[0]!, saved.publicKey)).toBe(true)

    const all = await hashes()
    await sql('delete from consents where site_id = $1 and hash in ($2, $3)', [site.siteId, all[4], all[5]])
    await sql('update sites set head_hash = $1 where id = $2', [all[3], site.siteId])
    // Against the checkpoints the server kept:
    expect(await verify()).toMatchObject({ valid: false, checked: 4, firstBroken: { reason: 'truncated_before_checkpoint' } })
    // And when the tamperer deletes those too, against the copy a third party saved from the public route:
    await sql('delete from checkpoints where site_id = $1', [site.siteId])
    expect(await verify()).toMatchObject({ valid: true, checked: 4 })
    expect(await auditSite(api.db.store, site.siteId, saved.publicKey, saved.checkpoints)).toMatchObject({
      valid: false,
      firstBroken: { reason: 'truncated_before_checkpoint' },
    })
  })

  it('a checkpoint names the record at its position: a rewritten tail of the same length is caught', async () => {
    await publishCheckpoints(api.db.store, signer)
    const saved = (await savedCheckpoints()).checkpoints
    const [last] = await sql('select id from consents where site_id = $1 order by seq desc limit 1', [site.siteId])
    await sql('update consents set hash = $1 where id = $2', ['f'.repeat(64), last!.id])
    await sql('update sites set head_hash = $1 where id = $2', ['f'.repeat(64), site.siteId])
    const report = await auditSite(api.db.store, site.siteId, signer.publicKey, saved)
    expect(report.valid).toBe(false)
    // A forged checkpoint (signed by another key, or edited) is refused as such.
    const forged = { ...saved[0]!, treeSize: 3 }
    expect(await auditSite(api.db.store, site.siteId, signer.publicKey, [forged])).toMatchObject({
      valid: false,
      firstBroken: { reason: 'checkpoint_signature_invalid' },
    })
  })

  it('deleting the first records and setting an anchor, without a recorded purge, is caught', async () => {
    const all = await hashes()
    await sql('delete from consents where site_id = $1 and hash in ($2, $3)', [site.siteId, all[0], all[1]])
    await sql('update sites set anchor_hash = $1 where id = $2', [all[1], site.siteId])
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { reason: 'anchor_without_purge' } })
  })

  it('a retention purge records a signed entry: the anchor verifies, a forged entry does not', async () => {
    await api.admin('PATCH', `/v1/admin/sites/${site.siteId}`, { retentionDays: 30 })
    await publishCheckpoints(api.db.store, signer)
    const before = (await savedCheckpoints()).checkpoints
    const rows = await sql('select id from consents where site_id = $1 order by seq', [site.siteId])
    for (const r of rows.slice(0, 2)) await sql('update consents set received_at = $1 where id = $2', [Date.now() - 40 * 86_400_000, r.id])
    const purged = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/purge`)).json()) as Json
    expect(purged.deleted).toBe(2)
    const entries = await api.db.store.listPurges(site.siteId)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ count: 2, number: 1 })
    // The chain still holds, and records ever appended still count the purged ones, so old checkpoints still fit.
    expect(await verify()).toMatchObject({ valid: true, checked: 4, purged: 2, treeSize: 6 })
    expect(await auditSite(api.db.store, site.siteId, signer.publicKey, before)).toMatchObject({ valid: true })
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    expect(await publishCheckpoints(api.db.store, signer)).toBe(1)
    expect((await savedCheckpoints()).checkpoints[0]).toMatchObject({ treeSize: 7 })
    // Someone who deletes more and forges an entry for it cannot sign it.
    const more = await hashes()
    await sql('delete from consents where site_id = $1 and hash = $2', [site.siteId, more[0]])
    await sql('update sites set anchor_hash = $1 where id = $2', [more[0], site.siteId])
    await sql('update chain_purges set up_to_hash = $1, count = 3 where site_id = $2', [more[0], site.siteId])
    expect((await verify()).firstBroken.reason).toMatch(/^purge_entry_/)
  })

  it('a tombstone holding personal fields is caught (an erased record moved into another visitor’s history)', async () => {
    const erased = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/erase`, { visitorId: VISITOR })).json()) as Json
    expect(erased.erased).toBe(3)
    expect(await verify()).toMatchObject({ valid: true })
    const [tomb] = await sql('select id from consents where erased_at is not null order by seq limit 1')
    await sql('update consents set visitor_id = $1 where id = $2', [VICTIM, tomb!.id])
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { id: tomb!.id, reason: 'erased_record_holds_personal_data' } })
    // Nor does a tombstone appear in that person's access export.
    const exported = (await (await api.admin('POST', `/v1/admin/sites/${site.siteId}/subjects/export`, { visitorId: VICTIM })).json()) as Json
    expect(exported.records.map((r: Json) => r.id)).not.toContain(tomb!.id)
  })

  it('publishes a checkpoint only when the chain grew', async () => {
    expect(await publishCheckpoints(api.db.store, signer)).toBe(1)
    expect(await publishCheckpoints(api.db.store, signer)).toBe(0)
    expect((await postConsent(api, consentBody(site))).status).toBe(201)
    expect(await publishCheckpoints(api.db.store, signer)).toBe(1)
    const { checkpoints } = await savedCheckpoints()
    expect(checkpoints.map((c) => c.treeSize)).toEqual([7, 6])
    expect((await api.app.request('/v1/sites/site_doesnotexist0/checkpoints')).status).toBe(404)
  })
})
