import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { IDEMPOTENT_SQL } from '../src/db/pg-store'
import { sealRecord } from '../src/records/consent-record'
import { newSite } from '../src/sites'
import { openTestDb, rawQuery, unsealedFixture, type TestDb } from './helpers'

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Index Cond'?: string
  Filter?: string
  Plans?: PlanNode[]
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)]
}

// The write path's per-batch lookups must stay index probes however many records a site has: a plan that scans the
// site's whole index range makes every batch slower than the last (measured: writes fell ~20% per bench round).
describe('PostgreSQL write-path plans', () => {
  let db: TestDb
  afterEach(async () => db.cleanup())

  it('the idempotency lookup probes (site_id, idempotency_key) exactly, for a site the statistics have not seen', async () => {
    db = await openTestDb('postgres')
    const established = newSite({ name: 'Established', allowedOrigins: [], retentionDays: null })
    const site = newSite({ name: 'New', allowedOrigins: [], retentionDays: null })
    await db.store.insertSite(established)
    await db.store.insertSite(site)
    const append = async (siteId: string, count: number) => {
      const keys: string[] = []
      for (let b = 0; b < count / 500; b++) {
        const items = Array.from({ length: 500 }, (_, i) => {
          const key = `plan_${siteId.slice(-6)}_${b}_${i}`
          keys.push(key)
          return unsealedFixture(siteId, b * 1000 + i, key, 'reject_all')
        })
        await db.store.appendBatch(items, sealRecord)
      }
      return keys
    }
    // Statistics gathered while only another site had records, as after a new site goes live: the planner
    // estimates the new site at about one row, whatever it holds by now.
    await append(established.id, 3000)
    await rawQuery('postgres', db.location, 'analyze consents')
    const keys = await append(site.id, 3000)
    const probe = keys.filter((_, i) => i % 31 === 0)
    // A few thousand rows are cheaper to scan whole than to probe; at production sizes the planner turns to the
    // indexes, and then the question is which columns the index condition covers. Ask that question here.
    const session = new pg.Client({ connectionString: db.location })
    await session.connect()
    let explained: { Plan: PlanNode }[]
    try {
      await session.query('set enable_seqscan = off')
      await session.query('set enable_bitmapscan = off')
      explained = (await session.query(`explain (format json) ${IDEMPOTENT_SQL}`, [probe.map(() => site.id), probe])).rows[0]['QUERY PLAN']
    } finally {
      await session.end()
    }
    const plan = explained[0]!.Plan
    const scans = nodes(plan).filter((n) => n['Relation Name'] === 'consents')
    expect(scans.length).toBe(1)
    expect(scans[0]).toMatchObject({ 'Index Name': 'consents_site_idempotency' })
    expect(scans[0]!['Index Cond']).toMatch(/idempotency_key/)
    expect(scans[0]!['Index Cond']).toMatch(/site_id/)
    expect(scans[0]!.Filter).toBeUndefined()
    // And it answers: every probed key is found once.
    const found = await rawQuery('postgres', db.location, IDEMPOTENT_SQL, [probe.map(() => site.id), probe])
    expect(found.map((r) => r.idempotencyKey).sort()).toEqual([...probe].sort())
  })
})
