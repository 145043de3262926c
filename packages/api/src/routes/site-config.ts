import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolveJurisdiction, siteJurisdictionOptions, type ConfigResponse, type SiteConfig } from '@consentry/shared'
import { configQuerySchema, siteParamSchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import { LRUCache } from 'lru-cache'
import type { AppContext, AppEnv } from '../context'
import { ok, operation } from '../openapi'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { validate } from '../validate'
import { siteOriginHeaders } from '../middleware/cors'
import { requestHeader } from '../middleware/request-header'
import { CompressedBodies, matchesIfNoneMatch, sendEncoded } from '../middleware/content-encoding'
import { documentHeaders } from '../middleware/security-headers'
import { RenderedConfigs, representationFor, representationHeaders, visitorLocation, type RenderedConfig } from './config-response'

/** Compressed per-site scripts kept: this many variants (version × location, in each coding) for each of this many sites. */
export const VARIANTS_PER_SITE = 16
const SITES_WITH_VARIANTS = 128

const CONFIG_SUMMARY = 'Published configuration for this visitor, jurisdiction from CDN geo headers (or ?country=&region=). Strong ETag; 304 on If-None-Match.'
const SCRIPT_SUMMARY = 'The banner bundle with this visitor’s configuration built in (window.__consentryBootstrap).'

/** `GET /v1/sites/:siteId/config`, `GET /v1/sites/:siteId/consentry.js` and `GET /consentry.js`. */
export function siteConfigRoutes(ctx: AppContext) {
  const banner = bannerReader(ctx.deps.bannerPath)
  // Per-site scripts differ by configuration version and location: each site keeps its newest variants compressed,
  // so one site's stream of new `?country=&region=` pairs neither grows memory nor evicts other sites' scripts.
  const compressedBySite = new LRUCache<string, CompressedBodies>({ max: SITES_WITH_VARIANTS })
  const variantsOf = (siteId: string) => {
    let bodies = compressedBySite.get(siteId)
    if (!bodies) compressedBySite.set(siteId, (bodies = new CompressedBodies(VARIANTS_PER_SITE)))
    return bodies
  }
  const bundleBodies = new CompressedBodies(4)

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
      publishedAt: version.createdAt,
      jurisdiction: resolveJurisdiction(location, siteJurisdictionOptions(config, now)),
    }
    return ctx.configs.add(key, JSON.stringify(response), now)
  }

  return new Hono<AppEnv>()
    .get(
      '/v1/sites/:siteId/config',
      operation(CONFIG_SUMMARY, { 200: ok('ConfigResponse'), 304: ok('Not modified') }),
      validate('param', siteParamSchema),
      validate('query', configQuerySchema),
      async (c) => {
        const { siteId } = c.req.valid('param')
        const out = await render(c, siteId, c.req.valid('query'))
        await allowOrigin(ctx, c, siteId)
        return sendConfig(c, out)
      },
    )
    .get(
      '/v1/sites/:siteId/consentry.js',
      operation(SCRIPT_SUMMARY, { 200: ok('JavaScript'), 503: ok('Bundle not built') }),
      validate('param', siteParamSchema),
      validate('query', configQuerySchema),
      async (c) => {
        const { siteId } = c.req.valid('param')
        const out = await render(c, siteId, c.req.valid('query'))
        const bundle = banner()
        const etag = `"${sha256Hex(out.identity.etag + bundle.etag).slice(0, 32)}"`
        documentHeaders(c)
        return script(c, variantsOf(siteId), etag, `window.__consentryBootstrap=${escapeForScript(out.body)};\n${bundle.text}`)
      },
    )
    .get('/consentry.js', operation('The banner bundle as built.', { 200: ok('JavaScript') }), (c) => {
      const bundle = banner()
      documentHeaders(c)
      return script(c, bundleBodies, bundle.etag, bundle.text)
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
  if (origin && site?.allowedOrigins.includes(origin)) for (const [name, value] of siteOriginHeaders(origin, false)) c.header(name, value)
}

/** The rendered config in the coding the request prefers, with the headers the cached fast path sends too. */
function sendConfig(c: Context, out: RenderedConfig): Response {
  const chosen = representationFor(out, requestHeader(c, 'accept-encoding'))
  const notModified = matchesIfNoneMatch(requestHeader(c, 'if-none-match'), chosen.etag)
  // Content-Length is left to @hono/node-server, which states it for a string or byte body.
  for (const [name, value] of Object.entries(notModified ? chosen.headers.notModified : chosen.headers.ok)) if (name !== 'content-length') c.header(name, value)
  if (notModified) return c.body(null, 304)
  return typeof chosen.body === 'string' ? c.body(chosen.body, 200) : c.body(chosen.body as Uint8Array<ArrayBuffer>, 200)
}

/** A script, compressed when the browser accepts it (a per-site script carries the whole configuration). */
function script(c: Context, compressed: CompressedBodies, etag: string, body: string): Promise<Response> {
  for (const [name, value] of representationHeaders(etag, 'text/javascript; charset=utf-8')) c.header(name, value)
  return sendEncoded(c, compressed, etag, body)
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
