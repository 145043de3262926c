import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ok, operation } from '../openapi'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { CompressedBodies, sendEncoded } from '../middleware/content-encoding'
import { allowAnyOrigin } from '../middleware/cors'
import { documentHeaders } from '../middleware/security-headers'

/** Chunks the banner loads on demand (`consentry-panels.js`) and its translations (`i18n/de.json`). */
const CHUNK = /^consentry-[a-z0-9-]{1,40}\.js$/
const LOCALE_FILE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.json$/

/**
 * Serves the files the banner fetches beside its bundle, from the bundle's own folder: only names that
 * match the patterns above, so nothing else on disk is reachable. Public and cacheable; the ETag
 * follows the content, so a rebuild is picked up without a restart.
 */
export function bannerAssetRoutes(ctx: AppContext) {
  const dir = dirname(ctx.deps.bannerPath)
  const read = fileReader()
  const compressed = new CompressedBodies()
  return new Hono<AppEnv>()
    .get('/:file{consentry-[a-z0-9-]+\\.js}', operation('A chunk the banner loads on demand (consentry-<name>.js).', { 200: ok('JavaScript') }), (c) => {
      const file = c.req.param('file')
      if (!CHUNK.test(file)) throw new ApiError('not_found')
      documentHeaders(c)
      return send(c, compressed, read(join(dir, file)), 'text/javascript; charset=utf-8')
    })
    .get('/i18n/:file', operation('Banner translations for a locale (i18n/<locale>.json).', { 200: ok('Translations') }), (c) => {
      const file = c.req.param('file')
      if (!LOCALE_FILE.test(file)) throw new ApiError('not_found')
      return send(c, compressed, read(join(dir, 'i18n', file)), 'application/json; charset=utf-8')
    })
}

function send(c: Context, compressed: CompressedBodies, asset: { text: string; etag: string }, type: string): Promise<Response> {
  c.header('Cache-Control', 'public, max-age=3600')
  allowAnyOrigin(c)
  c.header('Content-Type', type)
  c.header('Vary', 'Accept-Encoding')
  return sendEncoded(c, compressed, asset.etag, asset.text)
}

/** Reads a file, re-reading only when it changes; 404 when it does not exist. */
function fileReader(): (path: string) => { text: string; etag: string } {
  const cache = new Map<string, { mtime: number; text: string; etag: string }>()
  return (path) => {
    if (!existsSync(path)) throw new ApiError('not_found')
    const mtime = statSync(path).mtimeMs
    let hit = cache.get(path)
    if (!hit || hit.mtime !== mtime) {
      const text = readFileSync(path, 'utf8')
      hit = { mtime, text, etag: `"${sha256Hex(text).slice(0, 32)}"` }
      cache.set(path, hit)
    }
    return hit
  }
}
