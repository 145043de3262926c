import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

export interface TestServer {
  url: string
  /** Every request seen, in order: method and path (with query). */
  requests: { method: string; path: string; body: string }[]
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
}

/** The built banner, served at /consentry.js (and its chunks at /consentry-<name>.js) by `startTestServer`. */
export const BANNER_DIST = resolve(import.meta.dirname, '../../dist')

/**
 * A static file server on 127.0.0.1 (random port) for browser tests: serves `root`, the banner bundle at
 * /consentry.js with the chunks it loads from beside itself, and any `routes` (exact path match, checked first). Records every request.
 * `port` restarts a server on the port of one closed earlier (a host coming back after an outage).
 */
export async function startTestServer(options: { root?: string; routes?: Record<string, Route>; port?: number } = {}): Promise<TestServer> {
  const requests: TestServer['requests'] = []
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, body })
    const route = options.routes?.[url.pathname]
    if (route) return void (await route(req, res, body))
    const file = /^\/consentry(-[a-z]+)?\.js$/.test(url.pathname)
      ? join(BANNER_DIST, url.pathname.slice(1))
      : options.root
        ? join(options.root, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''))
        : null
    if (!file) return void res.writeHead(404).end()
    try {
      const data = await readFile(file.endsWith('/') ? join(file, 'index.html') : file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok())
        server.closeAllConnections() // a host going down drops its keep-alive connections too
      }),
  }
}
