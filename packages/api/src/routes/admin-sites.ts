import { apiKeyCreateSchema, siteConfigSchema, siteCreateSchema, siteParamSchema, siteUpdateSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import * as z from 'zod'
import type { AppContext, AppEnv } from '../context'
import { ok, operation, requestBody } from '../openapi'
import type { ConfigVersionRow } from '../db/store'
import { newSite, siteView } from '../sites'
import { ApiError } from '../errors'
import { checkConfigBody } from '../config-check'
import { newId } from '../records/ids'
import { newApiKey, requireAllSites, siteInScope } from '../middleware/admin-auth'
import { validate } from '../validate'

const versionParams = siteParamSchema.extend({ versionId: z.string().regex(/^cfg_[a-z0-9]{1,64}$/, 'must be a cfg_ id') })
const keyParams = z.object({ keyId: z.string().regex(/^key_[a-z0-9]{1,64}$/, 'must be a key_ id') })

/** Sites, their published configuration versions, and admin keys (mounted under `/v1/admin`). */
export function adminSiteRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .post('/sites', operation('Create a site (all-sites key).', { 201: ok('Site') }), validate('json', siteCreateSchema), async (c) => {
      requireAllSites(c)
      const input = c.req.valid('json')
      const site = newSite(input)
      await ctx.store.insertSite(site)
      return c.json(siteView(site), 201)
    })
    .get('/sites', operation('List the sites this key may access.', { 200: ok('Sites') }), async (c) => {
      const key = c.get('apiKey')
      const all = await ctx.store.listSites()
      return c.json({ sites: all.filter((s) => key.siteIds === null || key.siteIds.includes(s.id)).map(siteView) })
    })
    .get('/sites/:siteId', operation('Read a site.', { 200: ok('Site') }), validate('param', siteParamSchema), async (c) => {
      return c.json(siteView(await siteInScope(ctx, c, c.req.valid('param').siteId)))
    })
    .patch(
      '/sites/:siteId',
      operation('Update name, allowed origins or retention.', { 200: ok('Site') }),
      validate('param', siteParamSchema),
      validate('json', siteUpdateSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const updated = await ctx.store.updateSite(site.id, c.req.valid('json'), Date.now())
        ctx.sites.invalidate(site.id)
        if (!updated) throw new ApiError('site_not_found')
        return c.json(siteView(updated))
      },
    )
    .post(
      '/sites/:siteId/config-versions',
      operation('Publish an immutable, hashed configuration version.', { 201: ok('Version') }, { requestBody: requestBody(siteConfigSchema) }),
      validate('param', siteParamSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const check = await checkConfigBody(c.req, site.id)
        if (!check.valid) throw new ApiError('invalid_input', undefined, check.issues)
        const version = await ctx.store.publishConfigVersion({
          id: newId('cfg'),
          siteId: site.id,
          config: check.canonical,
          hash: check.hash,
          createdAt: Date.now(),
        })
        ctx.sites.invalidate(site.id)
        return c.json(versionView(version, true), 201)
      },
    )
    .get(
      '/sites/:siteId/config-versions',
      operation('List published configuration versions.', { 200: ok('Versions') }),
      validate('param', siteParamSchema),
      async (c) => {
        const site = await siteInScope(ctx, c, c.req.valid('param').siteId)
        const versions = await ctx.store.listConfigVersions(site.id)
        return c.json({ versions: versions.map((v) => versionView(v, false)) })
      },
    )
    .get(
      '/sites/:siteId/config-versions/:versionId',
      operation('One configuration version with its config.', { 200: ok('Version') }),
      validate('param', versionParams),
      async (c) => {
        const { siteId, versionId } = c.req.valid('param')
        const site = await siteInScope(ctx, c, siteId)
        const version = await ctx.store.getConfigVersion(versionId)
        if (!version || version.siteId !== site.id) throw new ApiError('config_version_not_found')
        return c.json(versionView(version, true))
      },
    )
    .post(
      '/keys',
      operation('Create an admin key (all-sites key); the secret is returned once.', { 201: ok('Key') }),
      validate('json', apiKeyCreateSchema),
      async (c) => {
        requireAllSites(c)
        const { label, siteIds } = c.req.valid('json')
        const { secret, row } = newApiKey(label, siteIds ?? null)
        await ctx.store.insertApiKey(row)
        return c.json({ id: row.id, key: secret, label, siteIds: row.siteIds, createdAt: row.createdAt }, 201)
      },
    )
    .delete('/keys/:keyId', operation('Revoke an admin key.', { 204: ok('Revoked') }), validate('param', keyParams), async (c) => {
      requireAllSites(c)
      const { keyId } = c.req.valid('param')
      if (!(await ctx.store.revokeApiKey(keyId, Date.now()))) throw new ApiError('not_found', 'No such active key.')
      // Sessions also check their key on every request (a CLI revoke reaches them too); this frees them at once.
      ctx.sessions.closeKey(keyId)
      return c.body(null, 204)
    })
}

function versionView(v: ConfigVersionRow, withConfig: boolean) {
  return {
    id: v.id,
    siteId: v.siteId,
    version: v.version,
    hash: v.hash,
    createdAt: v.createdAt,
    ...(withConfig ? { config: JSON.parse(v.config) as unknown } : {}),
  }
}
