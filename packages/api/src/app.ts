import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { LRUCache } from 'lru-cache'
import { SiteCache, type AppContext, type AppDeps, type AppEnv } from './context'
import { BatchWriter } from './db/batch-writer'
import type { ConfigVersionRow } from './db/store'
import { ApiError, toApiError } from './errors'
import { adminAuth } from './middleware/admin-auth'
import { adminJsonBody } from './middleware/admin-body'
import { adminDescription } from './openapi'
import { RateLimiter } from './middleware/rate-limit'
import { VisitorDailyCap } from './middleware/visitor-daily-cap'
import { securityHeaders } from './middleware/security-headers'
import { clientAddressReader, type TrustProxy } from './records/client-address'
import { DEFAULT_SESSION_OPTIONS, SessionStore } from './sessions/session-store'
import { sealRecord } from './records/consent-record'
import { signBatch } from './records/signing'
import { adminConsentRoutes } from './routes/admin-consents'
import { adminConfigCheckRoutes } from './routes/admin-config-check'
import { adminConsentDetailRoutes } from './routes/admin-consent-detail'
import { adminKeyRoutes } from './routes/admin-keys'
import { consoleAssetRoutes } from './routes/console-assets'
import { adminSessionRoutes } from './routes/admin-session'
import { adminSiteDeleteRoutes } from './routes/admin-site-delete'
import { adminSiteRoutes } from './routes/admin-sites'
import { adminScanRoutes } from './routes/admin-scans'
import { ScanJobs } from './scans/jobs'
import { bannerAssetRoutes } from './routes/banner-assets'
import { checkpointRoutes } from './routes/checkpoints'
import { consentRoutes } from './routes/consents'
import { docsRoutes } from './routes/docs'
import { identitySecretRoutes } from './routes/identity-secret'
import { signingKeyRoutes } from './routes/signing-keys'
import { cachedConfigRead, type CachedConfigRead } from './routes/config-fast-path'
import { fastConsentWrite, type FastConsentWrite } from './routes/consent-fast-path'
import { RenderedConfigs } from './routes/config-response'
import { siteConfigRoutes } from './routes/site-config'

const DEFAULT_BANNER = fileURLToPath(new URL('../../banner/dist/consentry.js', import.meta.url))
const DEFAULT_CONSOLE = fileURLToPath(new URL('../../console/dist', import.meta.url))

/**
 * Builds the API as a Hono app: public, admin and docs routes, security headers and one error handler.
 * It never listens; mount it beside other routes with `outer.route('/', createApp(deps))`.
 * @example serve({ fetch: createApp({ store, signer }).fetch, port: 8787 })
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  return createApi(deps).app
}

/** The app, and what `consentry serve` answers in front of it: cached config reads and consent writes. */
export interface Api {
  app: Hono<AppEnv>
  cachedConfig: CachedConfigRead
  fastWrite: FastConsentWrite
  /** Resolves once every consent already queued is committed (before closing the store on shutdown). */
  drain(): Promise<void>
}

/**
 * `createApp` plus its fast paths (cached config reads, consent writes), for serving with `nodeListener`.
 * @example createServer(nodeListener(createApi({ store, signer }))).listen(8787)
 */
export function createApi(deps: AppDeps): Api {
  const ctx = createContext(deps)
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('startedAt', performance.now())
    await next()
  })
  app.use(securityHeaders())
  app.use(
    '/v1/admin/*',
    bodyLimit({
      maxSize: ctx.deps.adminBodyLimit,
      onError: () => {
        throw new ApiError('payload_too_large')
      },
    }),
  )
  app.use('/v1/admin/*', adminAuth(ctx), adminDescription)
  app.use('/v1/admin/*', adminJsonBody())
  app.route('/', siteConfigRoutes(ctx))
  app.route('/', consentRoutes(ctx))
  app.route('/', signingKeyRoutes(ctx))
  app.route('/', checkpointRoutes(ctx))
  app.route('/', bannerAssetRoutes(ctx))
  app.route('/v1/admin', adminSessionRoutes(ctx))
  app.route('/v1/admin', adminSiteRoutes(ctx))
  app.route('/v1/admin', adminSiteDeleteRoutes(ctx))
  app.route('/v1/admin', adminKeyRoutes(ctx))
  app.route('/v1/admin', adminConfigCheckRoutes(ctx))
  app.route('/', consoleAssetRoutes(ctx))
  app.route('/v1/admin', adminConsentRoutes(ctx))
  app.route('/v1/admin', adminScanRoutes(ctx))
  // After the log's own routes, so `/consents/export` is not taken for a record id.
  app.route('/v1/admin', adminConsentDetailRoutes(ctx))
  app.route('/v1/admin', identitySecretRoutes(ctx))
  app.route('/', docsRoutes(app))
  app.notFound((c) => c.json(new ApiError('not_found').toBody(), 404))
  app.onError((err, c) => {
    const error = toApiError(err, { requestId: c.req.header('x-request-id'), method: c.req.method, route: c.req.routePath, startedAt: c.get('startedAt') })
    for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v)
    return c.json(error.toBody(), error.status)
  })
  return { app, cachedConfig: cachedConfigRead(ctx), fastWrite: fastConsentWrite(ctx), drain: () => ctx.writer.drain() }
}

function createContext(deps: AppDeps): AppContext {
  const versions = new LRUCache<string, ConfigVersionRow>({ max: 1000 })
  const full = {
    bannerPath: DEFAULT_BANNER,
    consoleDir: DEFAULT_CONSOLE,
    ipMode: 'truncate' as const,
    trustProxy: false as TrustProxy | boolean,
    publicBodyLimit: 32 * 1024,
    adminBodyLimit: 1024 * 1024,
    maxBatch: 1000,
    visitorDailyCap: 200 as number | false,
    ...deps,
  }
  const rate = deps.rateLimit ?? { burst: 30, perSecond: 1 }
  const signIn = deps.signInRateLimit ?? { burst: 10, perSecond: 1 / 6 }
  return {
    deps: full,
    store: deps.store,
    signer: deps.signer,
    writer: new BatchWriter(deps.store, sealRecord, (hashes) => signBatch(deps.signer, hashes), { maxBatch: full.maxBatch }),
    clientAddress: clientAddressReader(full.trustProxy),
    limiter: rate === false ? null : new RateLimiter(rate.burst, rate.perSecond),
    dailyCap: full.visitorDailyCap === false ? null : new VisitorDailyCap(full.visitorDailyCap),
    sessions: new SessionStore({ ...DEFAULT_SESSION_OPTIONS, ...deps.session }),
    signInLimiter: new RateLimiter(signIn.burst, signIn.perSecond),
    sites: new SiteCache(deps.store),
    configs: new RenderedConfigs(),
    scans: new ScanJobs(deps.store, deps.scans),
    // Versions are immutable: cache them for the life of the app.
    async configVersion(id) {
      const hit = versions.get(id)
      if (hit) return hit
      const row = await deps.store.getConfigVersion(id)
      if (row) versions.set(id, row)
      return row
    },
  }
}
