import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Context } from 'hono'
import { LRUCache } from 'lru-cache'
import Negotiator from 'negotiator'
import { requestHeader } from './request-header'

/** The content codings the API sends scripts and banner files in, best first (brotli makes the smaller text). */
const CODINGS = ['br', 'gzip', 'identity'] as const
export type ContentCoding = (typeof CODINGS)[number]
export type Compression = Exclude<ContentCoding, 'identity'>
export const COMPRESSIONS: readonly Compression[] = ['br', 'gzip']

/** Below ~1 KB, compressing saves a few hundred bytes at most, less than the round trip's own headers. */
export const MIN_COMPRESSED_LENGTH = 1024

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** The coding this `Accept-Encoding` prefers among ours, q-values honoured (`br;q=0` refuses brotli); identity when none is acceptable. */
export function negotiateCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity'
  return negotiated.memo(acceptEncoding)
}
// Browsers send a handful of distinct values, so each is parsed once.
const negotiated = new LRUCache<string, ContentCoding>({
  max: 100,
  memoMethod: (acceptEncoding) => {
    const chosen = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encoding([...CODINGS], { preferred: [...CODINGS] })
    return (chosen as ContentCoding | undefined) ?? 'identity'
  },
})

/** Strong comparison, as RFC 9110 asks of If-None-Match on a strong ETag. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim() === etag)
}

/** The strong ETag of a body in a coding: compressed bytes are another representation, with a validator of their own (RFC 9110 §8.8.3). */
export function codedEtag(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`
}

/** Brotli quality for a body's first compression: a few milliseconds, where quality 11 takes tens. */
export const BROTLI_FIRST_QUALITY = 5

interface Compressed {
  bytes: Promise<Buffer>
  best: boolean
}

/**
 * Compressed bodies by ETag and coding, kept for the most recently used `max`. Compression runs on libuv's thread
 * pool, not the event loop. A new body (a per-site script for a location never seen) is compressed fast first;
 * once it is asked for again it is worth brotli's best quality, made in the background and swapped in when ready,
 * so a stream of one-off variants costs fast compressions only.
 */
export class CompressedBodies {
  private readonly entries: LRUCache<string, Compressed>

  constructor(max = 128) {
    this.entries = new LRUCache({ max })
  }

  get(etag: string, body: string, coding: Compression): Promise<Buffer> {
    const key = `${coding} ${etag}`
    const hit = this.entries.get(key)
    if (hit) {
      if (!hit.best) {
        hit.best = true
        compress(body, coding, true).then(
          (bytes) => void (hit.bytes = Promise.resolve(bytes)),
          () => {}, // the fast bytes stay
        )
      }
      return hit.bytes
    }
    const entry: Compressed = { bytes: compress(body, coding, coding === 'gzip'), best: coding === 'gzip' }
    this.entries.set(key, entry)
    entry.bytes.catch(() => this.entries.delete(key))
    return entry.bytes
  }
}

/** gzip at level 9 is cheap, so it is always the best; brotli at its best only when `best`. */
export function compress(body: string, coding: Compression, best: boolean): Promise<Buffer> {
  const bytes = Buffer.from(body, 'utf8')
  if (coding === 'gzip') return gzipAsync(bytes, { level: 9 })
  return brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: best ? constants.BROTLI_MAX_QUALITY : BROTLI_FIRST_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  })
}

/**
 * Answers with `body` (strong `etag`) in the coding the request prefers: sets `ETag` (that coding's) and sends 304
 * when `If-None-Match` holds that coding's ETag. The caller sets the other headers first, `Vary: Accept-Encoding`
 * among them.
 */
export async function sendEncoded(c: Context, bodies: CompressedBodies, etag: string, body: string): Promise<Response> {
  const coding = body.length < MIN_COMPRESSED_LENGTH ? 'identity' : negotiateCoding(requestHeader(c, 'accept-encoding'))
  const tag = codedEtag(etag, coding)
  c.header('ETag', tag)
  if (matchesIfNoneMatch(requestHeader(c, 'if-none-match'), tag)) return c.body(null, 304)
  if (coding === 'identity') return c.body(body, 200)
  c.header('Content-Encoding', coding)
  // zlib's output is a Buffer over a plain ArrayBuffer, which is what Hono's body type asks for.
  return c.body((await bodies.get(etag, body, coding)) as Uint8Array<ArrayBuffer>, 200)
}
