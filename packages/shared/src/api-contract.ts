import type { Jurisdiction } from './consent/jurisdiction'
import type { SiteConfig } from './schemas/site-config'

/**
 * `GET /v1/sites/:siteId/config` — the published configuration as one visitor should see it.
 * The same object is inlined into the script the API serves (`window.__consentryBootstrap`), so the
 * banner never needs a second round trip.
 */
export interface ConfigResponse {
  siteId: string
  /** Id of the immutable published version (`cfg_…`); every consent record points at it. */
  versionId: string
  /** SHA-256 (hex) of the canonical JSON of `config`: what the visitor was shown, provably. */
  hash: string
  config: SiteConfig
  /** Resolved from CDN geo headers (or `?country=&region=` for testing). */
  jurisdiction: Jurisdiction
}

/** `POST /v1/consents` → 201 (or 200 for an idempotent replay): the proof a record was kept. */
export interface ConsentReceipt {
  /** `cns_…` */
  id: string
  /** Server time the record was stored, UTC ms. */
  receivedAt: number
  /** SHA-256 (hex) of the record's canonical form, chained to the site's previous record. */
  hash: string
  /** Ed25519 signature (base64url) over `hash`, verifiable with `GET /v1/keys`. */
  signature: string
  keyId: string
}

/** The error body of every 4xx/5xx from the API. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}
