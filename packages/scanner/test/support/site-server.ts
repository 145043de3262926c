import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'

export type Route = (req: IncomingMessage, res: ServerResponse) => void

export interface SiteServer {
  url: string
  /** Paths (with query) requested, in order. */
  requests: string[]
  routes: Record<string, Route>
  close(): Promise<void>
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' }
/** The built banner (`pnpm build`): /consentry.js and the chunks it loads from beside itself. */
const BANNER_DIST = resolve(import.meta.dirname, '../../../banner/dist')

/** A test site on 127.0.0.1 (free port): `routes` first (exact path), then the banner bundle, then files under `root`. */
export async function startSiteServer(root: string): Promise<SiteServer> {
  const requests: string[] = []
  const routes: Record<string, Route> = {}
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url.pathname + url.search)
    const route = routes[url.pathname]
    if (route) return route(req, res)
    const file = /^\/consentry(-[a-z]+)?\.js$/.test(url.pathname)
      ? join(BANNER_DIST, url.pathname)
      : join(root, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''))
    const body = await readFile(file).catch(() => null)
    if (!body) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests, routes, close: () => new Promise((ok) => server.close(() => ok())) }
}
