import { readFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { serveStatic } from '@hono/node-server/serve-static'
import { normalizeLocation } from '@consentry/shared'
import { rangeRequests } from './range-requests'

/**
 * Serves examples/site under /site and the single-page app under /site/spa. The publisher page is a
 * template: `?country=&region=` picks the visitor's location (real sites get it from CDN headers) and
 * `?gpc=1` simulates a browser sending Global Privacy Control.
 */
export function sitePages(opts: { siteDir: string; spaDir: string }): Hono {
  const app = new Hono()
  // As a publisher's own server would (Lighthouse flags uncompressed pages); the API compresses what it serves itself.
  app.use('/site/*', compress())
  const page = async (file: string, query: URLSearchParams) => {
    const html = await readFile(join(opts.siteDir, file), 'utf8')
    const { country, region } = normalizeLocation(query.get('country'), query.get('region'))
    const geo = new URLSearchParams()
    if (country) geo.set('country', country)
    if (region) geo.set('region', region.slice(country!.length + 1))
    const gpc = query.get('gpc') === '1'
    const note = [
      country ? `Simulating a visitor in ${region ?? country} (chosen in the address bar; real sites get this from CDN headers).` : '',
      gpc ? 'Simulating a browser that sends Global Privacy Control.' : '',
    ]
      .filter(Boolean)
      .join(' ')
    return html
      .replace('<!--GEO_QUERY-->', geo.size ? `?${geo.toString().replaceAll('&', '&amp;')}` : '')
      .replace('<!--GPC_SIMULATION-->', gpc ? '<script src="/site/assets/simulate-gpc.js"></script>' : '')
      .replace('<!--GEO_NOTE-->', note)
  }
  app.get('/site', (c) => c.redirect('/site/'))
  app.get('/site/', async (c) => c.html(await page('index.html', new URL(c.req.url).searchParams)))
  app.get('/site/index.html', async (c) => c.html(await page('index.html', new URL(c.req.url).searchParams)))
  app.get('/site/ca-b2b/privacy.html', async (c) => c.html(await page('ca-b2b/privacy.html', new URL(c.req.url).searchParams)))
  app.get('/site/spa', (c) => c.redirect('/site/spa/'))
  app.get('/site/spa/', async (c) => c.html(await readFile(join(opts.spaDir, 'index.html'), 'utf8')))
  const siteRoot = resolve(opts.siteDir)
  const spaScript = join(opts.spaDir, 'dist', 'app.js')
  app.use(
    '/site/*',
    rangeRequests((path) => {
      if (path === '/site/spa/app.js') return spaScript
      let file: string
      try {
        file = resolve(siteRoot, `.${decodeURIComponent(path.replace(/^\/site/, ''))}`)
      } catch {
        return undefined // not a path serveStatic would find either
      }
      return file.startsWith(siteRoot + sep) ? file : undefined
    }),
  )
  app.get('/site/spa/app.js', serveStatic({ path: join(opts.spaDir, 'dist', 'app.js') }))
  app.get('/site/*', serveStatic({ root: opts.siteDir, rewriteRequestPath: (path) => path.replace(/^\/site/, '') }))
  return app
}
