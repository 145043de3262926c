import { consentExportQuerySchema, consentLogQuerySchema, siteParamSchema, statsQuerySchema, subjectSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ok, operation } from '../openapi'
import { allRecords, purgeExpired } from '../db/paging'
import { ApiError } from '../errors'
import { siteInScope } from '../middleware/admin-auth'
import { auditSite } from '../records/site-audit'
import { recordView, type RecordView } from '../records/consent-record'
import { exportStream } from '../records/export'
import { validate } from '../validate'

/** Consent log, exports, data subject requests, chain verification, stats and purge (under `/v1/admin`). */
export function adminConsentRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get(
      '/sites/:siteId/consents',
      operation('Consent log: filters and cursor pagination.', { 200: ok('{ items, nextCursor }') }),
      validate('param', siteParamSchema),
      validate('query', consentLogQuerySchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const { cursor, limit, ...filter } = c.req.valid('query')
        const page = await ctx.store.queryConsents(site.id, filter, cursor ? Number(cursor) : 0, limit + 1)
        const items = page.slice(0, limit)
        return c.json({ items: items.map(recordView), nextCursor: page.length > limit ? String(items.at(-1)!.seq) : null })
      },
    )
    .get(
      '/sites/:siteId/consents/export',
      operation('Stream the log as CSV or NDJSON.', { 200: ok('Stream') }),
      validate('param', siteParamSchema),
      validate('query', consentExportQuerySchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const { format, ...filter } = c.req.valid('query')
        const name = `${site.id}-consents.${format === 'csv' ? 'csv' : 'ndjson'}`
        c.header('Content-Disposition', `attachment; filename="${name}"`)
        c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        return c.body(exportStream(ctx.store, site.id, filter, format))
      },
    )
    .post(
      '/sites/:siteId/subjects/export',
      operation('Data subject access: every record of a visitor or external user.', { 200: ok('Records') }),
      validate('param', siteParamSchema),
      validate('json', subjectSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const subject = c.req.valid('json')
        const records = await subjectRecords(ctx, site.id, subject)
        return c.json({ siteId: site.id, subject, exportedAt: Date.now(), records })
      },
    )
    .post(
      '/sites/:siteId/subjects/erase',
      operation('Erase a subject: records become tombstones that keep the chain verifiable.', { 200: ok('{ erased }') }),
      validate('param', siteParamSchema),
      validate('json', subjectSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const erased = await ctx.store.eraseSubject(site.id, c.req.valid('json'), Date.now())
        return c.json({ siteId: site.id, erased })
      },
    )
    .get(
      '/sites/:siteId/verify',
      operation('Verify the site’s hash chain; reports the first broken link.', { 200: ok('Report') }),
      validate('param', siteParamSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        return c.json({ siteId: site.id, ...(await auditSite(ctx.store, site.id, ctx.signer.publicKey)) })
      },
    )
    .get(
      '/sites/:siteId/stats',
      operation('Decisions per day, jurisdiction and method, with grant rate per category.', { 200: ok('Stats') }),
      validate('param', siteParamSchema),
      validate('query', statsQuerySchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const q = c.req.valid('query')
        const to = q.to ?? Date.now()
        const from = q.from ?? to - 30 * 86_400_000
        const rows = await ctx.store.stats(site.id, from, to)
        return c.json({
          siteId: site.id,
          from,
          to,
          rows: rows.map((r) => ({
            day: r.day,
            jurisdiction: r.jurisdiction,
            method: r.method,
            decisions: Number(r.decisions),
            grantRate: {
              functional: Number(r.functional) / Number(r.decisions),
              analytics: Number(r.analytics) / Number(r.decisions),
              advertising: Number(r.advertising) / Number(r.decisions),
            },
            optOutRate: Number(r.doNotSell) / Number(r.decisions),
            gpcRate: Number(r.gpc) / Number(r.decisions),
          })),
        })
      },
    )
    .post(
      '/sites/:siteId/purge',
      operation('Delete records older than the site’s retention, in batches.', { 200: ok('{ deleted }') }),
      validate('param', siteParamSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        if (site.retentionDays === null)
          throw new ApiError('invalid_input', 'This site keeps records forever.', [{ path: 'retentionDays', message: 'is not set for this site' }])
        return c.json({ siteId: site.id, retentionDays: site.retentionDays, deleted: await purgeExpired(ctx.store, ctx.signer, site.id, site.retentionDays) })
      },
    )
}

/** A subject's records on a site: every record of the visitor id and of the external user id. */
async function subjectRecords(
  ctx: AppContext,
  siteId: string,
  subject: { visitorId?: string | undefined; externalUserId?: string | undefined },
): Promise<RecordView[]> {
  const seen = new Map<string, RecordView>()
  for (const filter of [{ visitorId: subject.visitorId }, { externalUserId: subject.externalUserId }]) {
    if (!filter.visitorId && !filter.externalUserId) continue
    // A tombstone belongs to nobody any more: even edited to name someone, it is not theirs to receive.
    for await (const r of allRecords(ctx.store, siteId, filter)) if (r.erasedAt === null) seen.set(r.id, recordView(r))
  }
  return [...seen.values()].sort((a, b) => a.receivedAt - b.receivedAt)
}
