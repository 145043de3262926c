import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { MiddlewareHandler } from 'hono'
import { getMimeType } from 'hono/utils/mime'

/** A parsed `Range: bytes=…` header: one range, an answer of 416, or null to ignore the header (RFC 9110 §14.2). */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null

/**
 * Reads one byte range against a file size. Several ranges, or a header in another unit, are ignored (the whole
 * file is sent, as RFC 9110 allows); an invalid range (`bytes=100-50`) or one starting past the end is 416.
 */
export function parseByteRange(header: string, size: number): ByteRange {
  const m = /^bytes=([0-9]*)-([0-9]*)$/.exec(header.trim())
  if (!m) return null
  const [, first = '', last = ''] = m
  if (first === '' && last === '') return 'unsatisfiable'
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Number(last)
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start || start >= size) return 'unsatisfiable'
  return { start, end: Math.min(end, size - 1) }
}

/**
 * Answers `Range` requests for static files itself (206, or 416 with `Content-Range: bytes *\/size`), in front
 * of @hono/node-server's serveStatic, which answers invalid ranges with 500. `file` maps a request path to the
 * file it serves, or undefined (then the request goes on untouched). A header it does not read as one range
 * (another unit, several ranges) is ignored: the whole file, 200.
 */
export function rangeRequests(file: (path: string) => string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('range')
    const path = header && c.req.method === 'GET' ? file(c.req.path) : undefined
    const stats = path ? await stat(path).catch(() => undefined) : undefined
    if (!header || !path || !stats?.isFile()) return next()
    const range = parseByteRange(header, stats.size)
    c.header('Accept-Ranges', 'bytes')
    c.header('Content-Type', getMimeType(path) ?? 'application/octet-stream')
    if (range === null) {
      // Ignored, so the whole file (serveStatic would read any header as a range).
      c.header('Content-Length', String(stats.size))
      return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200)
    }
    if (range === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${stats.size}`)
      return c.body(null, 416)
    }
    c.header('Content-Range', `bytes ${range.start}-${range.end}/${stats.size}`)
    c.header('Content-Length', String(range.end - range.start + 1))
    return c.body(Readable.toWeb(createReadStream(path, range)) as ReadableStream, 206)
  }
}
