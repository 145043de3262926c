import { siteParamSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { siteInScope } from '../middleware/admin-auth'
import { newIdentitySecret } from '../records/identity-proof'
import { ok, operation } from '../openapi'
import { validate } from '../validate'

/**
 * `POST /v1/admin/sites/:siteId/identity-secret` (under `/v1/admin`): creates or rotates the secret with which the
 * site's backend proves `externalUserId`s. The secret is in this answer only; rotating makes old proofs invalid.
 */
export function identitySecretRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().post(
    '/sites/:siteId/identity-secret',
    operation('Create or rotate the site’s identity secret (the HMAC key that proves externalUserId); returned once.', { 201: ok('{ identitySecret }') }),
    validate('param', siteParamSchema),
    async (c) => {
      const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
      const identitySecret = newIdentitySecret()
      const updated = await ctx.store.updateSite(site.id, { identitySecret }, Date.now())
      ctx.sites.invalidate(site.id)
      if (!updated) throw new ApiError('site_not_found')
      return c.json({ siteId: site.id, identitySecret, rotated: site.identitySecret !== null }, 201)
    },
  )
}
