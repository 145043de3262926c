import { errorFields, logLine } from './log'
import { createServer, type Server } from 'node:http'
import { createApi } from './app'
import type { AppDeps } from './context'
import { DEFAULT_DATABASE_URL, openStore } from './db/open-store'
import type { RecordStore } from './db/store'
import { nodeListener } from './node-listener'
import { parseTrustProxy, type TrustProxy } from './records/client-address'
import type { IpMode } from './records/client-meta'
import { scheduleCheckpoints } from './records/checkpoints'
import { loadSigner } from './records/signing'

/** Settings read from the environment (the only place that reads it). */
export interface ServerEnv {
  port: number
  host: string
  databaseUrl: string
  signingKey: string | undefined
  ipMode: IpMode
  trustProxy: TrustProxy
  rateLimit: AppDeps['rateLimit']
  bannerPath: string | undefined
  /** How often signed checkpoints of every site's log are published (`CONSENTRY_CHECKPOINT_SECONDS`, default 300). */
  checkpointMs: number
  /** One JSON line per request (`CONSENTRY_LOG_REQUESTS=1`); errors are logged either way. */
  logRequests: boolean
}

/** Parses `PORT`, `HOST`, `DATABASE_URL`, `CONSENTRY_*`; throws a readable message on bad values. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`)
  const ipMode = env.CONSENTRY_IP_MODE ?? 'truncate'
  if (ipMode !== 'truncate' && ipMode !== 'drop') throw new Error(`CONSENTRY_IP_MODE must be truncate or drop, got ${ipMode}`)
  const burst = Number(env.CONSENTRY_RATE_BURST ?? 30)
  const perSecond = Number(env.CONSENTRY_RATE_PER_SECOND ?? 1)
  const rateOff = env.CONSENTRY_RATE_LIMIT === 'off'
  const checkpointSeconds = Number(env.CONSENTRY_CHECKPOINT_SECONDS ?? 300)
  if (!(checkpointSeconds >= 1)) throw new Error(`CONSENTRY_CHECKPOINT_SECONDS must be ≥ 1, got ${env.CONSENTRY_CHECKPOINT_SECONDS}`)
  if (!rateOff && (!(burst >= 1) || !(perSecond > 0))) throw new Error('CONSENTRY_RATE_BURST must be ≥ 1 and CONSENTRY_RATE_PER_SECOND > 0')
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    signingKey: env.CONSENTRY_SIGNING_KEY || undefined,
    ipMode,
    trustProxy: parseTrustProxy(env.CONSENTRY_TRUST_PROXY),
    rateLimit: rateOff ? false : { burst, perSecond },
    bannerPath: env.CONSENTRY_BANNER_PATH || undefined,
    checkpointMs: checkpointSeconds * 1000,
    logRequests: env.CONSENTRY_LOG_REQUESTS === '1' || env.CONSENTRY_LOG_REQUESTS === 'true',
  }
}

export interface RunningServer {
  server: Server
  store: RecordStore
  port: number
  close(): Promise<void>
}

/** Opens (and migrates) the database, loads the signing key and listens. */
export async function startServer(env: ServerEnv = readEnv()): Promise<RunningServer> {
  const store = await openStore(env.databaseUrl)
  const signer = await loadSigner(store, env.signingKey)
  const api = createApi({
    store,
    signer,
    ipMode: env.ipMode,
    trustProxy: env.trustProxy,
    rateLimit: env.rateLimit,
    ...(env.bannerPath ? { bannerPath: env.bannerPath } : {}),
  })
  const stopCheckpoints = scheduleCheckpoints(store, signer, env.checkpointMs, (error) => logLine('error', 'checkpoint_failed', {}, errorFields(error)))
  const server = createServer(nodeListener(api, { hostname: env.host, logRequests: env.logRequests }))
  return new Promise((resolve) => {
    server.listen(env.port, env.host, () => {
      const address = server.address()
      resolve({
        server,
        store,
        port: typeof address === 'object' && address ? address.port : env.port,
        close: () =>
          new Promise<void>((done) => {
            // Requests whose clients hung up may still be queued: commit them before the store goes.
            stopCheckpoints()
            server.close(
              () =>
                void api
                  .drain()
                  .then(() => store.close())
                  .then(done),
            )
          }),
      })
    })
  })
}
