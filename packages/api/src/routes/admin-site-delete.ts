import { siteDeleteSchema, siteParamSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { requireAllSites, siteInScope } from '../middleware/admin-auth'
import { deleteSite } from '../sites'
import { operation, ok } from '../openapi'
import { validate } from '../validate'

/**
 * `DELETE /v1/admin/sites/:siteId` with `{ "confirm": "<the site id>" }` (all-sites keys only). Records past the
 * site's retention are purged first; if any record remains, the site is kept and the answer is 409
 * `site_has_records`: consent records are the owner's proof (GDPR Art. 7(1)) and go only when their retention ends.
 */
export function adminSiteDeleteRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().delete(
    '/sites/:siteId',
    operation(
      'Delete a site and its configuration versions (all-sites key; confirm with the site id). Records past retention are purged first; 409 site_has_records while any record is kept.',
      {
        200: ok('{ siteId, deleted, purged }'),
        409: ok('Records still within retention'),
      },
    ),
    validate('param', siteParamSchema),
    validate('json', siteDeleteSchema),
    async (c) => {
      requireAllSites(c)
      const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
      if (c.req.valid('json').confirm !== site.id) throw new ApiError('invalid_input', undefined, [{ path: 'confirm', message: `must be ${site.id}` }])
      const { deleted, purged, records } = await deleteSite(ctx.store, ctx.signer, site)
      ctx.sites.invalidate(site.id)
      if (records > 0) {
        throw new ApiError('site_has_records', undefined, {
          records,
          purged,
          retentionDays: site.retentionDays,
          hint:
            site.retentionDays === null
              ? 'This site keeps records forever: set retentionDays, and delete it once they have expired.'
              : 'Delete it once its records have passed their retention.',
        })
      }
      if (!deleted) throw new ApiError('site_not_found')
      return c.json({ siteId: site.id, deleted: true, purged })
    },
  )
}
