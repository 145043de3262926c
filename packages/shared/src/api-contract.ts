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
  /** When this version was published (UTC ms): the date the cookie declaration shows. */
  publishedAt?: number
  /** Resolved from CDN geo headers (or `?country=&region=` for testing). */
  jurisdiction: Jurisdiction
}

/**
 * A readable cookie (`1`) the API sets beside the console's HttpOnly session cookie, and clears on sign-out. Not a
 * credential: the console reads it before asking for its session, so a signed-out visit sends no request that
 * the API must refuse (a 401, which the browser logs as an error on the console's page).
 */
export const CONSOLE_SIGNED_IN_COOKIE = 'consentry_signed_in'

/** `POST /v1/consents` → 201 (or 200 for an idempotent replay): the proof a record was kept. */
export interface ConsentReceipt {
  /** `cns_…` */
  id: string
  /** Server time the record was stored, UTC ms. */
  receivedAt: number
  /** SHA-256 (hex) of the record's canonical form, chained to the site's previous record. */
  hash: string
  /**
   * Ed25519 signature (base64url), verifiable with `GET /v1/keys`, over the UTF-8 bytes of
   * `consentry-receipts/1:<proof.treeSize>:<proof.root>`: the batch the record was committed in.
   */
  signature: string
  keyId: string
  /** Where `hash` sits in that batch's Merkle tree (RFC 9162), so one signature covers every record of a batch. */
  proof: ReceiptProof
}

/** An RFC 9162 inclusion proof: from `SHA-256(0x00 || hash)` along `path` to `root`. */
export interface ReceiptProof {
  /** Records in the signed batch; 1 when the receipt was signed on its own (then `path` is empty). */
  treeSize: number
  /** The record's position in the batch, from 0. */
  leafIndex: number
  /** Sibling hashes (hex) from the leaf up. */
  path: string[]
  /** Merkle tree hash of the batch (hex). */
  root: string
}

/** The error body of every 4xx/5xx from the API. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}
