import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { Hono } from 'hono'
import { newApiKey, type RecordStore } from '@consentry/api'

export interface DemoSite {
  siteId: string
  adminKey: string
  versionId: string
  /** Origins whose pages may write consents (others get 403). */
  allowedOrigins: string[]
  /** Path of a one-time console sign-in link (`/admin/#signin=…`) for the demo owner's all-sites key. */
  consoleLink: string
}

/**
 * Creates the demo site once (fixed id, so the example pages can name it), an admin key, and publishes
 * `examples/site/site-config.json` through the real admin API when the file or the origin changed since the
 * last start (a digest of both is kept in the data folder): a configuration published through the admin API
 * in between is left in place. The admin key's secret is kept in the data folder so later starts can print it.
 */
export async function bootstrapDemoSite(opts: {
  store: RecordStore
  app: Hono<any>
  configPath: string
  keyPath: string
  /** Where the digest of the last published file is kept. Default: beside the key. */
  digestPath?: string
  /** Where the demo owner's all-sites key is kept (it signs in to the console; never printed). */
  ownerKeyPath: string
  origins: string[]
  siteId: string
  /** The site record's name. Default: the demo news site's. */
  name?: string
}): Promise<DemoSite> {
  const { store, app, siteId, origins } = opts
  const now = Date.now()
  const site = await store.getSite(siteId)
  if (!site) {
    await store.insertSite({
      id: siteId,
      name: opts.name ?? 'Consentry demo news',
      allowedOrigins: origins,
      retentionDays: null,
      publishedVersionId: null,
      headHash: null,
      identitySecret: null,
      anchorHash: null,
      lastReceivedAt: 0,
      createdAt: now,
      updatedAt: now,
    })
  } else if (origins.some((o) => !site.allowedOrigins.includes(o))) {
    await store.updateSite(siteId, { allowedOrigins: [...new Set([...site.allowedOrigins, ...origins])] }, now)
  }

  const adminKey = await ensureKey(store, app, opts.keyPath, 'demo admin', [siteId])
  const consoleLink = await signInLink(app, await ensureKey(store, app, opts.ownerKeyPath, 'demo owner (console)', null))
  // The policy and privacy links in the configuration point at wherever the demo runs.
  const text = (await readFile(opts.configPath, 'utf8')).replaceAll('http://127.0.0.1:8787', origins[0]!)
  const config = JSON.parse(text) as Record<string, unknown>
  const fresh = (await store.getSite(siteId))!
  const allowedOrigins = fresh.allowedOrigins
  const current = fresh.publishedVersionId ? await store.getConfigVersion(fresh.publishedVersionId) : undefined
  const digestPath = opts.digestPath ?? join(dirname(opts.keyPath), 'demo-config.sha256')
  const digest = createHash('sha256')
    .update(JSON.stringify([text, origins]))
    .digest('hex')
  const lastDigest = (await readFile(digestPath, 'utf8').catch(() => '')).trim()
  const keep = current && (lastDigest === digest || sameConfig(current.config, config))
  if (current && keep) {
    await writeFile(digestPath, `${digest}\n`)
    return { siteId, adminKey, versionId: current.id, allowedOrigins, consoleLink }
  }

  const res = await app.request(`/v1/admin/sites/${siteId}/config-versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  })
  if (res.status !== 201) throw new Error(`publishing the demo configuration failed: ${res.status} ${await res.text()}`)
  const version = (await res.json()) as { id: string }
  await writeFile(digestPath, `${digest}\n`)
  return { siteId, adminKey, versionId: version.id, allowedOrigins, consoleLink }
}

/** A one-time console sign-in link for a key, minted through the admin API. */
async function signInLink(app: Hono<any>, key: string): Promise<string> {
  const res = await app.request('/v1/admin/session/links', { method: 'POST', headers: { authorization: `Bearer ${key}` } })
  if (res.status !== 201) throw new Error(`minting the console sign-in link failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { path: string }).path
}

/**
 * A key kept in the data folder, if the API still accepts it (a fresh database beside an old key file would otherwise
 * fail on publish); else a new one (for the given sites, or all when null), saved for later starts.
 */
async function ensureKey(store: RecordStore, app: Hono<any>, keyPath: string, label: string, siteIds: string[] | null): Promise<string> {
  const saved = (await readFile(keyPath, 'utf8').catch(() => '')).trim()
  if (saved) {
    const res = await app.request(siteIds ? `/v1/admin/sites/${siteIds[0]}` : '/v1/admin/keys', { headers: { authorization: `Bearer ${saved}` } })
    if (res.ok) return saved
  }
  const { secret, row } = newApiKey(label, siteIds)
  await store.insertApiKey(row)
  await mkdir(dirname(keyPath), { recursive: true })
  await writeFile(keyPath, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** Compares a stored (canonical JSON) configuration with the file's, ignoring key order and defaults added on publish. */
function sameConfig(storedJson: string, fromFile: unknown): boolean {
  const stored = JSON.parse(storedJson) as Record<string, unknown>
  return contains(stored, fromFile)
}

function contains(big: unknown, small: unknown): boolean {
  if (Array.isArray(small)) return Array.isArray(big) && big.length === small.length && small.every((v, i) => contains(big[i], v))
  if (small && typeof small === 'object') {
    return !!big && typeof big === 'object' && Object.entries(small).every(([k, v]) => contains((big as Record<string, unknown>)[k], v))
  }
  return big === small
}
