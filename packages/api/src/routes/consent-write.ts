import type { ConsentInput, ConsentReceipt, SiteConfig } from '@consentry/shared'
import { LRUCache } from 'lru-cache'
import type { AppContext } from '../context'
import { ApiError } from '../errors'
import { siteOriginHeaders } from '../middleware/cors'
import { rateKeyOf, type ClientAddressOf } from '../records/client-address'
import { secGpcEnabled } from '../records/client-meta'
import { explicitServices, unsealedRecord, type ClientMeta } from '../records/consent-record'
import { serverConsentCookie } from '../records/server-cookie'
import { checkIdentity, checkStatedFacts, requireServerKey, serverJurisdiction } from './write-checks'

/** What a write needs from its HTTP request, read by whichever front end received it. */
export interface WriteRequest {
  /** Request header by lower-case name. */
  header(name: string): string | undefined
  /** The socket's peer address, when known. */
  remoteAddress: string | undefined
  /** Adds a response header; also kept on an error response, as Hono keeps headers set before a throw. */
  setHeader(name: string, value: string): void
}

/** A stored (or replayed) record's receipt and its status. */
export interface WriteAnswer {
  status: 200 | 201
  receipt: ConsentReceipt
}

/**
 * `POST /v1/consents` after the body is parsed and validated: the one implementation behind both the routed
 * handler and the listener's fast path, so they cannot drift apart. Throws `ApiError` for every refusal.
 */
export function consentWriter(ctx: AppContext): (input: ConsentInput, req: WriteRequest) => Promise<WriteAnswer> {
  // Versions are immutable: each is parsed once, for the most recently used thousand.
  const parsedConfigs = new LRUCache<string, SiteConfig, string>({ max: 1000, memoMethod: (_id, _stale, { context }) => JSON.parse(context) as SiteConfig })
  const configOf = async (versionId: string, siteId: string) => {
    const version = await ctx.configVersion(versionId)
    if (!version || version.siteId !== siteId) return undefined
    return { version, config: parsedConfigs.memo(versionId, { context: version.config }) }
  }

  return async (input, req) => {
    const site = ctx.sites.fresh(input.siteId) ?? (await ctx.sites.get(input.siteId))
    if (!site) throw new ApiError('site_not_found')
    if (req.header('origin') === undefined) await requireServerKey(ctx, req, site)
    else allowOrigin(req, site.allowedOrigins)
    const meta = clientMeta(req, ctx.clientAddress)
    if (ctx.limiter) {
      const wait = ctx.limiter.take(`${rateKeyOf(meta.ip)}|${site.id}`)
      if (wait > 0) throw new ApiError('rate_limited', undefined, undefined, { 'Retry-After': String(wait) })
    }
    const shown = await configOf(input.configVersionId, site.id)
    if (!shown) {
      throw new ApiError('invalid_input', undefined, [{ path: 'configVersionId', message: 'is not a published configuration version of this site' }])
    }
    const { services, unknown } = explicitServices(input, shown.config)
    if (unknown.length > 0) {
      throw new ApiError(
        'invalid_input',
        undefined,
        unknown.map((id) => ({ path: `services.${id}`, message: 'is not a service of this configuration' })),
      )
    }
    checkStatedFacts(input, shown)
    const externalUserVerified = checkIdentity(site, input)
    if (ctx.dailyCap && !ctx.dailyCap.take(site.id, input.visitorId)) {
      throw new ApiError(
        'visitor_daily_cap_reached',
        undefined,
        [{ path: 'visitorId', message: `has ${ctx.dailyCap.cap} records on this site today, the most kept per day` }],
        {
          'Retry-After': String(Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000)),
        },
      )
    }
    const { record, replay, signature, proof } = await ctx.writer.append(
      unsealedRecord(input, services, shown.version.hash, meta, ctx.deps.ipMode, {
        externalUserVerified,
        serverJurisdiction: serverJurisdiction(req.header),
        // Configs published before `dataPractices` existed lack it: they sell or share.
        saleFree: shown.config.dataPractices?.sellsOrShares === false,
      }),
    )
    if (shown.config.consent.serverCookie) req.setHeader('Set-Cookie', serverConsentCookie(shown.config, input))
    return {
      status: replay ? 200 : 201,
      receipt: { id: record.id, receivedAt: record.receivedAt, hash: record.hash, signature, keyId: ctx.signer.keyId, proof },
    }
  }
}

/** A cross-origin write must come from one of the site's origins; the answer then names it (credentialed CORS). */
export function allowOrigin(req: Pick<WriteRequest, 'header' | 'setHeader'>, allowed: string[]): void {
  const origin = req.header('origin')
  if (origin === undefined) return
  if (!allowed.includes(origin)) throw new ApiError('origin_not_allowed')
  for (const [name, value] of siteOriginHeaders(origin, true)) req.setHeader(name, value)
}

/** Client address (socket, or the hop the trusted proxies vouch for), user agent and GPC header. */
export function clientMeta(req: Pick<WriteRequest, 'header' | 'remoteAddress'>, addressOf: ClientAddressOf): ClientMeta {
  return {
    ip: addressOf(req.remoteAddress, req.header('x-forwarded-for')),
    userAgent: req.header('user-agent') ?? null,
    secGpc: secGpcEnabled(req.header('sec-gpc')),
  }
}
