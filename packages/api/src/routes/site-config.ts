import { existsSync, readFileSync, statSync } from 'node:fs'
import { zValidator } from '@hono/zod-validator'
import { resolveJurisdiction, type ConfigResponse, type SiteConfig } from '@consentry/shared'
import { configQuerySchema, siteParamSchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { invalidInput } from '../validate'
import { requestHeader } from '../middleware/request-header'
import { documentHeaders } from '../middleware/security-headers'
import { JSON_TYPE, matchesIfNoneMatch, RenderedConfigs, representationHeaders, visitorLocation, type RenderedConfig } from './config-response'

/** `GET /v1/sites/:siteId/config`, `GET /v1/sites/:siteId/consentry.js` and `GET /consentry.js`. */
export function siteConfigRoutes(ctx: AppContext) {
  const banner = bannerReader(ctx.deps.bannerPath)

  async function render(c: Context<AppEnv>, siteId: string, query: { country?: string | undefined; region?: string | undefined }): Promise<RenderedConfig> {
    const site = await ctx.sites.get(siteId)
    if (!site) throw new ApiError('site_not_found')
    if (!site.publishedVersionId) throw new ApiError('config_not_published')
    const location = visitorLocation(query, (name) => requestHeader(c, name))
    const key = RenderedConfigs.key(site.publishedVersionId, location.country, location.region)
    const now = Date.now()
    const hit = ctx.configs.fresh(key, now)
    if (hit) return hit
    const version = await ctx.configVersion(site.publishedVersionId)
    if (!version) throw new ApiError('config_not_published')
    const config = JSON.parse(version.config) as SiteConfig
    const response: ConfigResponse = {
      siteId: site.id,
      versionId: version.id,
      hash: version.hash,
      config,
      jurisdiction: resolveJurisdiction(location, { defaultRegime: config.jurisdiction.defaultRegime, now }),
    }
    return ctx.configs.add(key, JSON.stringify(response), now)
  }

  return new Hono<AppEnv>()
    .get('/v1/sites/:siteId/config', zValidator('param', siteParamSchema, invalidInput), zValidator('query', configQuerySchema, invalidInput), async (c) => {
      const { siteId } = c.req.valid('param')
      const out = await render(c, siteId, c.req.valid('query'))
      await allowOrigin(ctx, c, siteId)
      return conditional(c, out.etag, out.body, JSON_TYPE)
    })
    .get('/v1/sites/:siteId/consentry.js', zValidator('param', siteParamSchema, invalidInput), zValidator('query', configQuerySchema, invalidInput), async (c) => {
      const { siteId } = c.req.valid('param')
      const out = await render(c, siteId, c.req.valid('query'))
      const bundle = banner()
      const etag = `"${sha256Hex(out.etag + bundle.etag).slice(0, 32)}"`
      documentHeaders(c)
      return conditional(c, etag, `window.__consentryBootstrap=${escapeForScript(out.body)};\n${bundle.text}`, 'text/javascript; charset=utf-8')
    })
    .get('/consentry.js', (c) => {
      const bundle = banner()
      documentHeaders(c)
      return conditional(c, bundle.etag, bundle.text, 'text/javascript; charset=utf-8')
    })
}

/** JSON made safe inside a script: no `</script>`, no `<!--`, and no raw U+2028/2029 line terminators. */
export function escapeForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Reflects the origin when the site allows it; otherwise no CORS headers, and the browser blocks reads. */
async function allowOrigin(ctx: AppContext, c: Context<AppEnv>, siteId: string): Promise<void> {
  const origin = requestHeader(c, 'origin')
  const site = await ctx.sites.get(siteId)
  if (origin && site?.allowedOrigins.includes(origin)) c.header('Access-Control-Allow-Origin', origin)
}

function conditional(c: Context, etag: string, body: string, type: string): Response {
  for (const [name, value] of representationHeaders(etag, type)) c.header(name, value)
  if (matchesIfNoneMatch(requestHeader(c, 'if-none-match'), etag)) return c.body(null, 304)
  return c.body(body, 200)
}

/** Reads the banner bundle, re-reading only when the file changes; throws 503 while it is not built. */
function bannerReader(path: string): () => { text: string; etag: string } {
  let cached: { mtime: number; text: string; etag: string } | null = null
  return () => {
    if (!existsSync(path)) throw new ApiError('banner_unavailable', `The banner bundle is missing (${path}); run pnpm build.`)
    const mtime = statSync(path).mtimeMs
    if (!cached || cached.mtime !== mtime) {
      const text = readFileSync(path, 'utf8')
      cached = { mtime, text, etag: `"${sha256Hex(text).slice(0, 32)}"` }
    }
    return cached
  }
}
