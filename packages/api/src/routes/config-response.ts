import { errorFields, logLine } from '../log'
import { normalizeLocation, type Location } from '@consentry/shared'
import { LRUCache } from 'lru-cache'
import { codedEtag, COMPRESSIONS, CompressedBodies, MIN_COMPRESSED_LENGTH, negotiateCoding, type Compression } from '../middleware/content-encoding'
import { siteOriginHeaders } from '../middleware/cors'
import { SECURITY_HEADERS } from '../middleware/security-headers'
import { sha256Hex } from '../records/canonical'

// What a config response carries besides its body, shared by the routed handler and the cached fast path.

const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600'
const GEO_HEADERS = {
  country: ['cf-ipcountry', 'x-vercel-ip-country', 'cloudfront-viewer-country'],
  region: ['cf-region-code', 'x-vercel-ip-country-region', 'cloudfront-viewer-country-region'],
}
const VARY = ['Origin', ...GEO_HEADERS.country, ...GEO_HEADERS.region, 'Accept-Encoding'].join(', ')
export const JSON_TYPE = 'application/json'
/** Date-dependent rules (US opt-out mandates) make a rendered body valid for a minute at most. */
const RENDERED_TTL_MS = 60_000

/** The visitor's location: `?country=&region=` when the query names a country, else the first CDN header of each. */
export function visitorLocation(query: { country?: string | undefined; region?: string | undefined }, header: (name: string) => string | undefined): Location {
  const fromQuery = query.country !== undefined
  const country = fromQuery ? query.country : firstOf(GEO_HEADERS.country, header)
  const region = fromQuery ? query.region : (query.region ?? firstOf(GEO_HEADERS.region, header))
  return normalizeLocation(country, region)
}

function firstOf(names: string[], header: (name: string) => string | undefined): string | undefined {
  for (const n of names) {
    const v = header(n)
    if (v) return v
  }
  return undefined
}

/**
 * The headers of a 200 or 304 for a body of this type and ETag. A 304 states the type too: without one,
 * @hono/node-server sends `text/plain`, and a cache that refreshes its stored headers from the 304 would take it.
 */
export function representationHeaders(etag: string, type: string): [string, string][] {
  return [
    ['ETag', etag],
    ['Cache-Control', CACHE_CONTROL],
    ['Vary', VARY],
    ['Content-Type', type],
  ]
}

/** Response headers by lower-case name. */
export type HeaderRecord = Record<string, string>
/** Every header of a config 200 and 304 as the routed handler sends them, security headers included. */
export interface ConfigHeaders {
  ok: HeaderRecord
  notModified: HeaderRecord
}

/** A config body as sent in one content coding, its strong ETag and its complete response headers. */
export interface Representation {
  body: string | Buffer
  etag: string
  headers: ConfigHeaders
  /** `headers` plus Access-Control-Allow-Origin, per allowed origin seen (at most a site's 50). */
  cors: Map<string, ConfigHeaders>
}

/** A rendered config: its JSON (also inlined into the per-site script) and its representations, built once per body. */
export interface RenderedConfig {
  body: string
  at: number
  identity: Representation
  /** Added as the thread pool finishes compressing the body; until then a browser is sent `identity`. */
  coded: Partial<Record<Compression, Representation>>
}

/** The representation of a rendered config for a request's `Accept-Encoding`. */
export function representationFor(entry: RenderedConfig, acceptEncoding: string | undefined): Representation {
  const coding = negotiateCoding(acceptEncoding)
  return (coding !== 'identity' && entry.coded[coding]) || entry.identity
}

/** Rendered configs per (version, location); versions are immutable, the jurisdiction can change by date. */
export class RenderedConfigs {
  private readonly entries = new LRUCache<string, RenderedConfig>({ max: 5000 })
  // Keyed by ETag: a body rendered again each minute is compressed once.
  private readonly compressed = new CompressedBodies()

  static key(versionId: string, country: string | null, region: string | null): string {
    return `${versionId}|${country}|${region}`
  }

  /** The entry when it is younger than a minute. */
  fresh(key: string, now: number): RenderedConfig | undefined {
    const hit = this.entries.get(key)
    return hit && now - hit.at < RENDERED_TTL_MS ? hit : undefined
  }

  add(key: string, body: string, now: number): RenderedConfig {
    const etag = `"${sha256Hex(body).slice(0, 32)}"`
    const out: RenderedConfig = { body, at: now, identity: representation(body, etag, 'identity'), coded: {} }
    if (body.length >= MIN_COMPRESSED_LENGTH) {
      for (const coding of COMPRESSIONS) {
        this.compressed.get(etag, body, coding).then(
          (bytes) => void (out.coded[coding] = representation(bytes, codedEtag(etag, coding), coding)),
          (error: unknown) => logLine('warn', 'config_compression_failed', {}, { coding, ...errorFields(error) }),
        )
      }
    }
    this.entries.set(key, out)
    return out
  }
}

function representation(body: string | Buffer, etag: string, coding: Compression | 'identity'): Representation {
  const notModified = headerRecord([...SECURITY_HEADERS, ...representationHeaders(etag, JSON_TYPE)])
  // Stated: the fast path writes the headers before the body, and Node would otherwise send it chunked.
  const ok = { ...notModified, ...(coding === 'identity' ? {} : { 'content-encoding': coding }), 'content-length': String(Buffer.byteLength(body)) }
  return { body, etag, headers: { ok, notModified }, cors: new Map() }
}

/** The headers of a representation for a request from an allowed origin. */
export function corsHeaders(entry: Representation, origin: string): ConfigHeaders {
  let headers = entry.cors.get(origin)
  if (!headers) {
    const allow = headerRecord(siteOriginHeaders(origin, false))
    headers = { ok: { ...entry.headers.ok, ...allow }, notModified: { ...entry.headers.notModified, ...allow } }
    entry.cors.set(origin, headers)
  }
  return headers
}

function headerRecord(pairs: readonly (readonly [string, string])[]): HeaderRecord {
  return Object.fromEntries(pairs.map(([k, v]) => [k.toLowerCase(), v]))
}
