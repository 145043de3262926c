import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { CompressedBodies, sendEncoded } from '../middleware/content-encoding'
import { documentHeaders } from '../middleware/security-headers'
import { sha256Hex } from '../records/canonical'
import { operation, ok } from '../openapi'

/** The console's files: the page, its script and stylesheet, and the banner preview frame. Nothing else is reachable. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'preview.html': 'text/html; charset=utf-8',
  'preview.js': 'text/javascript; charset=utf-8',
  'preview.css': 'text/css; charset=utf-8',
}

/** No inline script anywhere; the console only talks to its own origin and frames only its own preview. */
const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * The preview frame runs the real banner, which adds its own <style> (hence style 'unsafe-inline' for styles only) and
 * fetches its translations; it is sandboxed by the console (an opaque origin), so its own origin is named as well.
 */
const previewCsp = (origin: string) =>
  `default-src 'none'; script-src 'self' ${origin}; style-src 'self' ${origin} 'unsafe-inline'; img-src 'self' ${origin} data:; connect-src 'self' ${origin}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`

/** Serves the console (packages/console/dist) at `/admin/`. */
export function consoleAssetRoutes(ctx: AppContext) {
  const dir = ctx.deps.consoleDir
  const cache = new Map<string, { mtime: number; body: string; etag: string }>()
  const compressed = new CompressedBodies()
  const send = (c: Context<AppEnv>, file: string) => {
    const type = FILES[file]
    const path = join(dir, file)
    if (!type || !existsSync(path)) throw new ApiError('not_found', file === 'index.html' ? 'The console has not been built (npm run build).' : undefined)
    const mtime = statSync(path).mtimeMs
    let hit = cache.get(file)
    if (!hit || hit.mtime !== mtime) {
      const body = readFileSync(path, 'utf8')
      hit = { mtime, body, etag: `"${sha256Hex(body).slice(0, 32)}"` }
      cache.set(file, hit)
    }
    documentHeaders(c)
    // The preview frame is sandboxed (an opaque origin): its own files must be loadable from there.
    if (!file.startsWith('preview.')) c.header('Cross-Origin-Resource-Policy', 'same-origin')
    if (file === 'preview.html') {
      c.header('Content-Security-Policy', previewCsp(new URL(c.req.url).origin))
      c.header('X-Frame-Options', 'SAMEORIGIN')
    } else if (type.startsWith('text/html')) {
      c.header('Content-Security-Policy', CONSOLE_CSP)
    }
    c.header('Cache-Control', 'no-cache')
    c.header('Content-Type', type)
    c.header('Vary', 'Accept-Encoding')
    // Compressed like the banner's files (the console's script is some 80 KB raw).
    return sendEncoded(c, compressed, hit.etag, hit.body)
  }
  return new Hono<AppEnv>()
    .get('/admin', operation('Redirects to the console.', { 302: ok('To /admin/') }), (c) => c.redirect('/admin/'))
    .get('/admin/', operation('The site owner console (HTML; strict CSP, no inline script).', { 200: ok('HTML') }), (c) => send(c, 'index.html'))
    .get('/admin/:file', operation('The console’s script, stylesheet and banner preview frame.', { 200: ok('File') }), (c) => send(c, c.req.param('file')))
}
