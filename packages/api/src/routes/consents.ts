import { zValidator } from '@hono/zod-validator'
import type { ConsentReceipt, SiteConfig } from '@consentry/shared'
import { consentInputSchema, visitorHistoryQuerySchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { jsonBody } from '../middleware/json-body'
import { secGpcEnabled } from '../records/client-meta'
import { setServerConsentCookie } from '../records/server-cookie'
import { explicitServices, recordView, unsealedRecord, type ClientMeta } from '../records/consent-record'
import { invalidInput } from '../validate'
import { requestHeader } from '../middleware/request-header'

/** `POST /v1/consents` (append, receipt) and `GET /v1/consents?visitorId=` (a visitor's own history). */
export function consentRoutes(ctx: AppContext) {
  const parsedConfigs = new Map<string, SiteConfig>()
  const configOf = async (versionId: string, siteId: string) => {
    const version = await ctx.configVersion(versionId)
    if (!version || version.siteId !== siteId) return undefined
    let config = parsedConfigs.get(versionId)
    if (!config) {
      config = JSON.parse(version.config) as SiteConfig
      if (parsedConfigs.size > 1000) parsedConfigs.clear()
      parsedConfigs.set(versionId, config)
    }
    return { version, config }
  }

  return new Hono<AppEnv>()
    .options('/v1/consents', async (c) => {
      const origin = requestHeader(c, 'origin')
      if (origin && (await ctx.sites.anyAllows(origin))) {
        c.header('Access-Control-Allow-Origin', origin)
        // Credentialed requests let the API set the consent cookie on the site's domain (serverCookie).
        c.header('Access-Control-Allow-Credentials', 'true')
        c.header('Access-Control-Allow-Methods', 'GET, POST')
        c.header('Access-Control-Allow-Headers', 'Content-Type')
        c.header('Access-Control-Max-Age', '600')
      }
      c.header('Vary', 'Origin')
      return c.body(null, 204)
    })
    .post(
      '/v1/consents',
      jsonBody(ctx.deps.publicBodyLimit),
      zValidator('json', consentInputSchema, invalidInput),
      async (c) => {
        const input = c.req.valid('json')
        const site = await ctx.sites.get(input.siteId)
        if (!site) throw new ApiError('site_not_found')
        checkOrigin(c, site.allowedOrigins)
        const meta = clientMeta(c, ctx.deps.trustProxy)
        if (ctx.limiter) {
          const wait = ctx.limiter.take(`${meta.ip ?? '?'}|${site.id}`)
          if (wait > 0) throw new ApiError('rate_limited', undefined, undefined, { 'Retry-After': String(wait) })
        }
        const shown = await configOf(input.configVersionId, site.id)
        if (!shown) {
          throw new ApiError('invalid_input', undefined, [{ path: 'configVersionId', message: 'is not a published configuration version of this site' }])
        }
        const { services, unknown } = explicitServices(input, shown.config)
        if (unknown.length > 0) {
          throw new ApiError('invalid_input', undefined, unknown.map((id) => ({ path: `services.${id}`, message: 'is not a service of this configuration' })))
        }
        const { record, replay, signature } = await ctx.writer.append(unsealedRecord(input, services, shown.version.hash, meta, ctx.deps.ipMode))
        if (shown.config.consent.serverCookie) setServerConsentCookie(c, shown.config, input)
        const receipt: ConsentReceipt = { id: record.id, receivedAt: record.receivedAt, hash: record.hash, signature, keyId: ctx.signer.keyId }
        return c.json(receipt, replay ? 200 : 201)
      },
    )
    .get('/v1/consents', zValidator('query', visitorHistoryQuerySchema, invalidInput), async (c) => {
      const { visitorId, siteId } = c.req.valid('query')
      const origin = requestHeader(c, 'origin')
      if (origin) {
        // A page may read a history only for a site that allows it.
        if (!siteId) throw new ApiError('invalid_input', undefined, [{ path: 'siteId', message: 'is required for cross-origin requests' }])
        const site = await ctx.sites.get(siteId)
        if (!site) throw new ApiError('site_not_found')
        checkOrigin(c, site.allowedOrigins)
      }
      const records = await ctx.store.visitorHistory(visitorId, siteId)
      // Ed25519 is deterministic: re-signing a stored hash gives the receipt the visitor got, so a history
      // can be verified record by record against GET /v1/keys without keeping signatures.
      const signatures = await ctx.signer.signMany(records.map((r) => r.hash))
      return c.json({
        visitorId,
        records: records.map((r, i) => ({ ...recordView(r), receipt: { signature: signatures[i]!, keyId: ctx.signer.keyId } })),
      })
    })
}

function checkOrigin(c: Context<AppEnv>, allowed: string[]): void {
  const origin = requestHeader(c, 'origin')
  if (origin === undefined) return
  if (!allowed.includes(origin)) throw new ApiError('origin_not_allowed')
  c.header('Access-Control-Allow-Origin', origin)
  c.header('Access-Control-Allow-Credentials', 'true')
  c.header('Vary', 'Origin')
}

/** Client address (socket, or the first `X-Forwarded-For` hop when trusted), user agent and GPC header. */
function clientMeta(c: Context<AppEnv>, trustProxy: boolean): ClientMeta {
  const forwarded = trustProxy ? requestHeader(c, 'x-forwarded-for')?.split(',')[0]?.trim() : undefined
  return {
    ip: forwarded || c.env?.incoming?.socket.remoteAddress || null,
    userAgent: requestHeader(c, 'user-agent') ?? null,
    secGpc: secGpcEnabled(requestHeader(c, 'sec-gpc')),
  }
}
