import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { createApi, type Api } from '../src/app'
import type { AppDeps } from '../src/context'
import { openPostgresStore } from '../src/db/pg-store'
import { openSqliteStore } from '../src/db/sqlite-store'
import type { RecordStore, UnsealedConsent } from '../src/db/store'
import { newApiKey } from '../src/middleware/admin-auth'
import { unsealedRecord } from '../src/records/consent-record'
import { identityProof } from '../src/records/identity-proof'
import { loadSigner } from '../src/records/signing'
import { sampleConfig } from './sample-config'

export { sampleConfig }

export type StoreKind = 'sqlite' | 'postgres'
/**
 * The stores this vitest project runs suites on: SQLite in `api`, PostgreSQL in `api-postgres`
 * (a suite written as `describe.each(STORES)` runs on both).
 */
export const STORES: readonly StoreKind[] = inject('stores')

export interface TestDb {
  store: RecordStore
  /** SQLite file path or PostgreSQL URL of this test's own database (for tampering from outside). */
  location: string
  cleanup(): Promise<void>
}

/** A fresh, migrated database: a temp SQLite file, or a new database on the throwaway PostgreSQL server. */
export async function openTestDb(kind: StoreKind): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-test-'))
    const location = join(dir, 'test.db')
    const t: TestDb = {
      store: openSqliteStore(location),
      location,
      cleanup: async () => {
        await t.store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
    return t
  }
  const admin = inject('postgresUrl')
  const name = `t_${Math.random().toString(36).slice(2, 12)}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const location = admin.replace(/\/postgres$/, `/${name}`)
  const t: TestDb = {
    store: await openPostgresStore(location, { poolSize: 4 }),
    location,
    cleanup: async () => {
      await t.store.close()
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
  return t
}

/** Runs SQL against a test database from outside the store (tampering, inspection). */
export async function rawQuery(kind: StoreKind, location: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(location)
    try {
      const stmt = db.prepare(text.replace(/\$\d+/g, '?'))
      return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), [])
    } finally {
      db.close()
    }
  }
  const c = new pg.Client({ connectionString: location })
  await c.connect()
  try {
    return (await c.query(text, params)).rows as Record<string, unknown>[]
  } finally {
    await c.end()
  }
}

export interface TestApi {
  app: Api['app']
  /** The cached config reads `consentry serve` answers in front of the app. */
  cachedConfig: Api['cachedConfig']
  /** The whole API as `consentry serve` mounts it (for `nodeListener`). */
  served: Api
  db: TestDb
  /** An all-sites admin key. */
  adminKey: string
  admin(method: string, path: string, body?: unknown, key?: string): Promise<Response>
}

/** An app over a fresh database with an all-sites admin key; rate limiting off unless `deps` says otherwise. */
export async function testApi(kind: StoreKind, deps: Partial<AppDeps> = {}): Promise<TestApi> {
  const db = await openTestDb(kind)
  const signer = await loadSigner(db.store)
  const served = createApi({ store: db.store, signer, rateLimit: false, bannerPath: '/nonexistent/consentry.js', ...deps })
  const { app, cachedConfig } = served
  const { secret, row } = newApiKey('test admin', null)
  await db.store.insertApiKey(row)
  const admin = async (method: string, path: string, body?: unknown, key = secret) =>
    app.request(path, jsonInit(method, body, { authorization: `Bearer ${key}` }))
  return { app, cachedConfig, served, db, adminKey: secret, admin }
}

export interface PublishedSite {
  siteId: string
  versionId: string
  configHash: string
}

/** Creates a site and publishes `sampleConfig` for it through the admin API. */
export async function publishedSite(api: TestApi, body: Record<string, unknown> = {}): Promise<PublishedSite> {
  const created = await api.admin('POST', '/v1/admin/sites', { name: 'Shop', allowedOrigins: ['https://shop.example'], ...body })
  if (created.status !== 201) throw new Error(`site create failed: ${created.status} ${await created.text()}`)
  const site = (await created.json()) as { id: string }
  const published = await api.admin('POST', `/v1/admin/sites/${site.id}/config-versions`, sampleConfig(site.id))
  if (published.status !== 201) throw new Error(`publish failed: ${published.status} ${await published.text()}`)
  const version = (await published.json()) as { id: string; hash: string }
  return { siteId: site.id, versionId: version.id, configHash: version.hash }
}

let counter = 0
/** A valid consent body for a published site (fresh idempotency key each call). */
export function consentBody(site: PublishedSite, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    siteId: site.siteId,
    visitorId: 'a'.repeat(31) + (counter % 16).toString(16),
    idempotencyKey: `idem_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 10)}`,
    method: 'custom',
    categories: { functional: true, analytics: true, advertising: false },
    services: {},
    doNotSell: false,
    gpc: false,
    policyRevision: 1,
    configVersionId: site.versionId,
    locale: 'en',
    jurisdiction: 'DE',
    bannerVersion: '0.1.0',
    pageUrl: 'https://shop.example/cart?coupon=SECRET#top',
    decidedAt: Date.now(),
    ...overrides,
  }
}

/** The origin `publishedSite` allows: what a browser on the shop's pages sends with every write. */
export const SHOP_ORIGIN = 'https://shop.example'

/**
 * The `init` of a request with an optional JSON body, for `app.request(path, init)` or `fetch(url, init)`:
 * `headers` over the JSON content type; a string body goes as it is (malformed or pre-encoded), anything else as JSON.
 * Without a body there is no content type either.
 */
export function jsonInit(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  if (body === undefined) return { method, headers }
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

/** The `init` of a JSON POST from the shop's pages, as its browsers send one (`Origin` set unless `headers` says otherwise). */
export function fromShop(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return jsonInit('POST', body, { origin: SHOP_ORIGIN, ...headers })
}

/** `POST /v1/consents` with JSON, from the shop's pages (`Origin` set unless `headers` says otherwise). */
export function postConsent(api: TestApi, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(api.app.request('/v1/consents', fromShop(body, headers)))
}

/** Creates the site's identity secret; returns a function making the proof of a user id (as the site's backend does). */
export async function identitySecret(api: TestApi, site: PublishedSite): Promise<(externalUserId: string) => string> {
  const res = await api.admin('POST', `/v1/admin/sites/${site.siteId}/identity-secret`)
  if (res.status !== 201) throw new Error(`identity secret failed: ${res.status} ${await res.text()}`)
  const { identitySecret } = (await res.json()) as { identitySecret: string }
  return (externalUserId) => identityProof(identitySecret, externalUserId)
}

/** A record ready for `appendBatch`, for store-level tests: visitor `n` (hex), the given idempotency key. */
export function unsealedFixture(siteId: string, n: number, idempotencyKey: string, method: 'accept_all' | 'reject_all' = 'accept_all'): UnsealedConsent {
  const granted = method === 'accept_all'
  return unsealedRecord(
    {
      siteId,
      visitorId: n.toString(16).padStart(32, '0'),
      idempotencyKey,
      method,
      categories: { functional: granted, analytics: granted, advertising: granted },
      services: {},
      doNotSell: false,
      gpc: false,
      policyRevision: 1,
      configVersionId: 'cfg_x',
      locale: 'en',
      jurisdiction: 'DE',
      bannerVersion: '1.0.0',
      pageUrl: 'https://x.example/',
      decidedAt: Date.now(),
    },
    {},
    'h',
    { ip: null, userAgent: null, secGpc: false },
    'truncate',
  )
}

/** A Node HTTP server on 127.0.0.1 (any free port) running `listener`. */
export interface Listening {
  url: string
  close(): Promise<void>
}

export async function listen(listener: RequestListener): Promise<Listening> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
