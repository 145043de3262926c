import { siteConfigSchema, siteParamSchema } from '@consentry/shared/schemas'
import { offeredPurposes, purposesFingerprint } from '@consentry/shared'
import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { checkConfigBody } from '../config-check'
import { siteInScope } from '../middleware/admin-auth'
import { operation, ok, requestBody } from '../openapi'
import { validate } from '../validate'

/**
 * `POST /v1/admin/sites/:siteId/config-checks` (under `/v1/admin`): validates a configuration exactly as publishing
 * would, without publishing. 200 with `{ valid: true, config, hash, purposes }` (every default applied, the hash
 * publishing would store) or `{ valid: false, issues }` in the words a refused publish uses. The console's editor
 * and preview run on it, so a draft is judged by the API, not by a second copy of the rules.
 */
export function adminConfigCheckRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().post(
    '/sites/:siteId/config-checks',
    operation(
      'Check a configuration as publishing would, without publishing: { valid, config (defaults applied), hash, purposes } or { valid: false, issues }.',
      { 200: ok('Check') },
      { requestBody: requestBody(siteConfigSchema) },
    ),
    validate('param', siteParamSchema),
    async (c) => {
      const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
      const check = await checkConfigBody(c.req, site.id)
      if (!check.valid) return c.json({ valid: false, issues: check.issues })
      return c.json({ valid: true, config: check.config, hash: check.hash, purposes: purposesFingerprint(offeredPurposes(check.config)) })
    },
  )
}
