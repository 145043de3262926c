import { Hono } from 'hono'
import type { AppEnv } from '../context'
import { allowAnyOrigin } from '../middleware/cors'
import { documentHeaders } from '../middleware/security-headers'
import { ok, openApiDocument, operation, type OpenApiDocument, type Operation } from '../openapi'

/**
 * `GET /v1/openapi.json` (OpenAPI 3.1 generated from `app`'s routes) and `GET /docs` (a plain HTML reference
 * generated from that document: no script, nothing fetched from elsewhere). Generated once, on first request.
 */
export function docsRoutes(app: Hono<AppEnv>): Hono<AppEnv> {
  let doc: Promise<OpenApiDocument> | null = null
  const get = () => (doc ??= openApiDocument(app))
  return new Hono<AppEnv>()
    .get('/v1/openapi.json', operation('This document (OpenAPI 3.1).', { 200: ok('OpenAPI 3.1') }), async (c) => {
      allowAnyOrigin(c)
      return c.json(await get())
    })
    .get('/docs', operation('This reference as an HTML page.', { 200: ok('HTML') }), async (c) => {
      documentHeaders(c)
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      return c.html(docsPage(await get()))
    })
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** Parameters by name and place (`siteId` in path), and whether a JSON body is expected. */
function inputs(op: Operation): string {
  const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`)
  return [...params, ...(op.requestBody ? ['JSON body'] : [])].join('<br>')
}

function docsPage(doc: OpenApiDocument): string {
  const rows = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? '')}</td><td>${inputs(op)}</td><td>${esc(Object.keys(op.responses).join(', '))}</td><td>${op.security ? 'Bearer key' : 'public'}</td></tr>`,
      ),
    )
    .join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}</style>
</head><body><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1). Errors are always <code>{ "error": { "code", "message", "details" } }</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Input</th><th>Responses</th><th>Auth</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`
}
