import { siteParamSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { checkpointFromRow } from '../records/chain-audit'
import { ok, operation } from '../openapi'
import { validate } from '../validate'

/** How many of a site's newest checkpoints the public route lists. */
const LISTED = 100

/**
 * `GET /v1/sites/:siteId/checkpoints`: a site's newest signed checkpoints (records ever appended, head hash),
 * public so anyone can save them and later hold the log to them (`consentry verify --checkpoint`).
 */
export function checkpointRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get(
    '/v1/sites/:siteId/checkpoints',
    operation('The site’s newest signed checkpoints of its consent log (records ever appended, head hash), to save and verify against later.', {
      200: ok('Checkpoints'),
    }),
    validate('param', siteParamSchema),
    async (c) => {
      const { siteId } = c.req.valid('param')
      if (!(await ctx.sites.get(siteId))) throw new ApiError('site_not_found')
      const rows = await ctx.store.listCheckpoints(siteId, LISTED)
      c.header('Cache-Control', 'public, max-age=60')
      return c.json({ siteId, publicKey: ctx.signer.publicKey, checkpoints: rows.map(checkpointFromRow) })
    },
  )
}
