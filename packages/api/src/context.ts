import type { IncomingMessage } from 'node:http'
import { LRUCache } from 'lru-cache'
import type { ApiKeyRow, ConfigVersionRow, RecordStore, SiteRow } from './db/store'
import type { BatchWriter } from './db/batch-writer'
import type { RenderedConfigs } from './routes/config-response'
import type { ClientAddressOf, TrustProxy } from './records/client-address'
import type { IpMode } from './records/client-meta'
import type { Signer } from './records/signing'
import type { RateLimiter } from './middleware/rate-limit'
import type { VisitorDailyCap } from './middleware/visitor-daily-cap'
import type { ScanJobOptions, ScanJobs } from './scans/jobs'
import type { Session, SessionOptions, SessionStore } from './sessions/session-store'

/** What `createApp` needs; everything optional has a default. */
export interface AppDeps {
  store: RecordStore
  signer: Signer
  /** The built banner bundle. Default: `packages/banner/dist/consentry.js` of this checkout. */
  bannerPath?: string
  /** The built console (served at `/admin/`). Default: `packages/console/dist` of this checkout. */
  consoleDir?: string
  /** Keep client IPs truncated (IPv4 /24, IPv6 /48) or drop them. Default `truncate`. */
  ipMode?: IpMode
  /**
   * Take the client address from `X-Forwarded-For` behind proxies you run: `true` or a number of hops (counted
   * from the right), or the proxies' addresses and CIDR ranges. Default false (the socket's peer).
   */
  trustProxy?: TrustProxy | boolean
  /** Public writes per client and site: bucket size and refill per second. `false` turns limiting off. */
  rateLimit?: { burst: number; perSecond: number } | false
  /** Most records one visitor id may add to one site per UTC day (then 429). `false` turns the cap off. Default 200. */
  visitorDailyCap?: number | false
  /** Largest public request body in bytes. Default 32 KiB. */
  publicBodyLimit?: number
  /** Largest admin request body in bytes (configurations). Default 1 MiB. */
  adminBodyLimit?: number
  /** Most records per write transaction. Default 1000. */
  maxBatch?: number
  /** Cookie scans run by the admin API (headless Chromium): how many at once, queue length, browser path. */
  scans?: ScanJobOptions
  /** Console session lifetimes (idle, absolute) and sign-in link lifetime. */
  session?: Partial<SessionOptions>
  /** Console sign-in attempts per client address: bucket size and refill per second. Default 10, one per 6 s. */
  signInRateLimit?: { burst: number; perSecond: number }
}

/** Hono environment: node-server bindings and per-request variables. */
export interface AppEnv {
  Bindings: { incoming?: IncomingMessage }
  Variables: { apiKey: ApiKeyRow; startedAt: number; session?: { cookie: string; session: Session } }
}

/** Shared by the route modules of one app instance. */
export interface AppContext {
  deps: Required<Omit<AppDeps, 'rateLimit' | 'session' | 'signInRateLimit' | 'scans'>> & Pick<AppDeps, 'rateLimit' | 'session' | 'signInRateLimit' | 'scans'>
  store: RecordStore
  signer: Signer
  writer: BatchWriter
  limiter: RateLimiter | null
  /** The client address of a request, as `deps.trustProxy` says to read it. */
  clientAddress: ClientAddressOf
  /** Records per visitor per site per day, or null when uncapped. */
  dailyCap: VisitorDailyCap | null
  /** Console sessions and one-time sign-in links. */
  sessions: SessionStore
  /** Console sign-in attempts per client address. */
  signInLimiter: RateLimiter
  sites: SiteCache
  /** Rendered config responses, read by the routed handler and by the fast path in front of the router. */
  configs: RenderedConfigs
  configVersion(id: string): Promise<ConfigVersionRow | undefined>
  /** Background cookie scans of this app. */
  scans: ScanJobs
}

/** Sites change rarely and are read on every public request: cached briefly, dropped on admin writes. */
export class SiteCache {
  private readonly entries = new LRUCache<string, { site: SiteRow | undefined; at: number }>({ max: 10_000 })
  private origins: { set: Set<string>; at: number } | null = null
  constructor(
    private readonly store: RecordStore,
    private readonly ttlMs = 2000,
  ) {}

  /** The cached site while it is fresh, without a promise; undefined when it must be (re)loaded or is unknown. */
  fresh(id: string): SiteRow | undefined {
    const hit = this.entries.get(id)
    return hit && Date.now() - hit.at < this.ttlMs ? hit.site : undefined
  }

  async get(id: string): Promise<SiteRow | undefined> {
    const hit = this.entries.get(id)
    const now = Date.now()
    if (hit && now - hit.at < this.ttlMs) return hit.site
    const site = await this.store.getSite(id)
    this.entries.set(id, { site, at: now })
    return site
  }

  /** Every site's allowed origins (for CORS preflights, which carry no site id). */
  async anyAllows(origin: string): Promise<boolean> {
    const now = Date.now()
    if (!this.origins || now - this.origins.at >= this.ttlMs) {
      const all = await this.store.listSites()
      this.origins = { set: new Set(all.flatMap((s) => s.allowedOrigins)), at: now }
    }
    return this.origins.set.has(origin)
  }

  invalidate(id: string): void {
    this.entries.delete(id)
    this.origins = null
  }
}
