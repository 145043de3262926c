import { siteParamSchema } from '@consentry/shared/schemas'
import { scanRequestSchema, scanResultSchema } from '@consentry/scanner'
import { Hono } from 'hono'
import * as z from 'zod'
import type { AppContext, AppEnv } from '../context'
import type { ScanRow, ScanSummary } from '../db/store'
import { ApiError } from '../errors'
import { siteInScope } from '../middleware/admin-auth'
import { ok, operation } from '../openapi'
import { validate } from '../validate'

const scanParams = siteParamSchema.extend({ scanId: z.string().regex(/^scan_[a-z0-9]{1,64}$/, 'must be a scan_ id') })
/** A scan as `GET …/scans/:scanId` answers it (documented for the console). */
const scanViewSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  url: z.string(),
  options: z.record(z.string(), z.unknown()),
  findings: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  result: scanResultSchema.nullable(),
})
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) })

/**
 * A site's cookie scans (mounted under `/v1/admin`): start one in the background, list them, read one with its
 * result (`scanResultSchema` of @consentry/scanner). The console reads these.
 */
export function adminScanRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .post(
      '/sites/:siteId/scans',
      operation('Start a cookie scan of the site: a background job, three passes in headless Chromium; answers with the queued scan.', { 202: ok('Scan') }),
      validate('param', siteParamSchema),
      validate('json', scanRequestSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const request = c.req.valid('json')
        const url = request.url ?? (site.allowedOrigins[0] ? `${site.allowedOrigins[0]}/` : undefined)
        if (!url) throw new ApiError('invalid_input', undefined, [{ path: 'url', message: 'is required when the site has no allowed origins' }])
        // Only the site's own pages: an admin key for one site must not point the server's browser anywhere else.
        if (!site.allowedOrigins.includes(new URL(url).origin)) {
          throw new ApiError('invalid_input', undefined, [
            { path: 'url', message: `must be on one of the site's allowed origins (${site.allowedOrigins.join(', ') || 'none'})` },
          ])
        }
        const version = site.publishedVersionId ? await ctx.configVersion(site.publishedVersionId) : undefined
        const config = version ? (JSON.parse(version.config) as Record<string, unknown>) : null
        // Redirects must not lead the server's browser off the site either.
        const row = await ctx.scans.enqueue(site.id, { ...request, url, allowedOrigins: site.allowedOrigins }, config)
        if (!row) throw new ApiError('rate_limited', 'Too many scans are waiting; retry once one has finished.')
        return c.json(scanView(ctx, row), 202, { Location: `/v1/admin/sites/${site.id}/scans/${row.id}` })
      },
    )
    .get(
      '/sites/:siteId/scans',
      operation('The site’s scans, newest first, without their results.', { 200: ok('{ scans }') }),
      validate('param', siteParamSchema),
      validate('query', listQuery),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const scans = await ctx.store.listScans(site.id, c.req.valid('query').limit)
        return c.json({ scans: scans.map((s) => scanView(ctx, s)) })
      },
    )
    .get(
      '/sites/:siteId/scans/:scanId',
      operation('One scan; once done, `result` holds findings, cookies, storage, requests, the proposed declaration and changes.', {
        200: ok('Scan with result (result: ScanResult)', scanViewSchema),
      }),
      validate('param', scanParams),
      async (c) => {
        const { siteId, scanId } = c.req.valid('param')
        const site = await siteInScope(ctx, c, siteId)
        const row = await ctx.store.getScan(scanId)
        if (!row || row.siteId !== site.id) throw new ApiError('not_found', 'No such scan for this site.')
        return c.json({ ...scanView(ctx, row), result: row.result ? (JSON.parse(row.result) as unknown) : null })
      },
    )
}

/** A scan as the API shows it; an unfinished scan this process no longer runs was interrupted by a restart. */
function scanView(ctx: AppContext, s: ScanSummary | ScanRow) {
  const interrupted = (s.status === 'queued' || s.status === 'running') && !ctx.scans.owns(s.id)
  return {
    id: s.id,
    siteId: s.siteId,
    status: interrupted ? ('failed' as const) : s.status,
    url: s.url,
    options: s.options,
    findings: s.findings,
    error: interrupted ? 'interrupted: the server stopped before the scan finished' : s.error,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
  }
}
