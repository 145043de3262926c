import { existsSync, readFileSync, statSync } from 'node:fs'
import { zValidator } from '@hono/zod-validator'
import { normalizeLocation, resolveJurisdiction, type ConfigResponse, type SiteConfig } from '@consentry/shared'
import { configQuerySchema, siteParamSchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { invalidInput } from '../validate'
import { requestHeader } from '../middleware/request-header'

const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600'
const GEO_HEADERS = {
  country: ['cf-ipcountry', 'x-vercel-ip-country', 'cloudfront-viewer-country'],
  region: ['cf-region-code', 'x-vercel-ip-country-region', 'cloudfront-viewer-country-region'],
}
const VARY = ['Origin', ...GEO_HEADERS.country, ...GEO_HEADERS.region].join(', ')

/** A rendered config body and its strong ETag, cached per (version, location) for a minute. */
interface Rendered {
  body: string
  etag: string
  at: number
}

/** `GET /v1/sites/:siteId/config`, `GET /v1/sites/:siteId/consentry.js` and `GET /consentry.js`. */
export function siteConfigRoutes(ctx: AppContext) {
  const rendered = new Map<string, Rendered>()
  const banner = bannerReader(ctx.deps.bannerPath)

  async function render(c: Context<AppEnv>, siteId: string, query: { country?: string | undefined; region?: string | undefined }): Promise<Rendered> {
    const site = await ctx.sites.get(siteId)
    if (!site) throw new ApiError('site_not_found')
    if (!site.publishedVersionId) throw new ApiError('config_not_published')
    const fromQuery = query.country !== undefined
    const country = fromQuery ? query.country : firstHeader(c, GEO_HEADERS.country)
    const region = fromQuery ? query.region : (query.region ?? firstHeader(c, GEO_HEADERS.region))
    const location = normalizeLocation(country, region)
    const key = `${site.publishedVersionId}|${location.country}|${location.region}`
    const now = Date.now()
    const hit = rendered.get(key)
    // Date-dependent rules (US opt-out mandates) make a cached body valid for a minute at most.
    if (hit && now - hit.at < 60_000) return hit
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
    const body = JSON.stringify(response)
    const out = { body, etag: `"${sha256Hex(body).slice(0, 32)}"`, at: now }
    if (rendered.size > 5000) rendered.clear()
    rendered.set(key, out)
    return out
  }

  return new Hono<AppEnv>()
    .get('/v1/sites/:siteId/config', zValidator('param', siteParamSchema, invalidInput), zValidator('query', configQuerySchema, invalidInput), async (c) => {
      const { siteId } = c.req.valid('param')
      const out = await render(c, siteId, c.req.valid('query'))
      await allowOrigin(ctx, c, siteId)
      return conditional(c, out.etag, out.body, 'application/json')
    })
    .get('/v1/sites/:siteId/consentry.js', zValidator('param', siteParamSchema, invalidInput), zValidator('query', configQuerySchema, invalidInput), async (c) => {
      const { siteId } = c.req.valid('param')
      const out = await render(c, siteId, c.req.valid('query'))
      const bundle = banner()
      const etag = `"${sha256Hex(out.etag + bundle.etag).slice(0, 32)}"`
      return conditional(c, etag, `window.__consentryBootstrap=${escapeForScript(out.body)};\n${bundle.text}`, 'text/javascript; charset=utf-8')
    })
    .get('/consentry.js', (c) => {
      const bundle = banner()
      return conditional(c, bundle.etag, bundle.text, 'text/javascript; charset=utf-8')
    })
}

/** JSON made safe inside a script: no `</script>`, no `<!--`, and no raw U+2028/2029 line terminators. */
export function escapeForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function firstHeader(c: Context, names: string[]): string | undefined {
  for (const n of names) {
    const v = requestHeader(c, n)
    if (v) return v
  }
  return undefined
}

/** Reflects the origin when the site allows it; otherwise no CORS headers, and the browser blocks reads. */
async function allowOrigin(ctx: AppContext, c: Context<AppEnv>, siteId: string): Promise<void> {
  const origin = requestHeader(c, 'origin')
  const site = await ctx.sites.get(siteId)
  if (origin && site?.allowedOrigins.includes(origin)) c.header('Access-Control-Allow-Origin', origin)
}

function conditional(c: Context, etag: string, body: string, type: string): Response {
  c.header('ETag', etag)
  c.header('Cache-Control', CACHE_CONTROL)
  c.header('Vary', VARY)
  const inm = requestHeader(c, 'if-none-match')
  if (inm && (inm.trim() === '*' || inm.split(',').some((t) => t.trim() === etag))) return c.body(null, 304)
  c.header('Content-Type', type)
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
