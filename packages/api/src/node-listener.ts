import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { LRUCache } from 'lru-cache'
import type { Api } from './app'
import { logLine } from './log'
import { incomingHeader } from './middleware/request-header'

/**
 * The Node request listener of `consentry serve`. A cached config read is written straight to the response, and
 * a JSON `POST /v1/consents` is answered by the write fast path; everything else, and anything unusual about the
 * request, goes to the Hono app through @hono/node-server.
 * A cached read through @hono/node-server and Hono's middleware chain (async compose, WHATWG Headers) costs
 * several times the server CPU of one answered here, which is about what a bare Hono GET of a fixed body costs
 * (figures in docs/benchmarks.md). Tests check that both paths send the same answer on the wire.
 */
export function nodeListener(api: Api, options: { hostname?: string; logRequests?: boolean } = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const routed = getRequestListener(api.app.fetch, options.hostname === undefined ? {} : { hostname: options.hostname })
  const hosts = new HostCheck()
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      if (!hosts.accepts(req.headers.host) || !api.fastWrite(req, res)) routed(req, res)
      return
    }
    const answer = req.method === 'GET' && req.url ? api.cachedConfig(req.url, (name) => incomingHeader(req, name)) : undefined
    if (!answer || !hosts.accepts(req.headers.host)) return void routed(req, res)
    res.writeHead(answer.status, answer.headers)
    res.end(answer.body ?? undefined)
  }
  if (!options.logRequests) return serve
  return (req, res) => {
    const startedAt = performance.now()
    // One line a request: its answer's status, or that the client left before it.
    res.once('close', () => {
      const context = { requestId: incomingHeader(req, 'x-request-id'), method: req.method, route: (req.url ?? '').split('?')[0], startedAt }
      if (res.writableFinished) logLine('info', 'request', { ...context, status: res.statusCode })
      else logLine('info', 'client_aborted', context)
    })
    serve(req, res)
  }
}

/**
 * Whether @hono/node-server would accept this Host header (it answers 400 when the URL it builds names another
 * host); the verdict of each distinct value is kept, so the URL is parsed once per host, not per request.
 */
class HostCheck {
  private readonly verdicts = new LRUCache<string, boolean>({ max: 100, memoMethod: nodeServerAccepts })

  accepts(host: string | undefined): boolean {
    return host ? this.verdicts.memo(host) : false
  }
}

/** The check of @hono/node-server's `newRequest` (1.19) for a request target that starts with `/`. */
function nodeServerAccepts(host: string): boolean {
  try {
    const url = new URL(`http://${host}/`)
    return url.hostname.length === host.length || url.hostname === host.replace(/:\d+$/, '')
  } catch {
    return false
  }
}
