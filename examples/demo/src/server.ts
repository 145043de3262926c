// `npm start`: the Consentry API on an embedded SQLite file, the banner, and the example site on one port.
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp, loadSigner, openStore } from '@consentry/api'
import { bootstrapDemoSite } from './bootstrap'
import { beaconRoutes } from './beacons'
import { sitePages } from './pages'

const root = resolve(process.env.CONSENTRY_REPO_ROOT ?? process.cwd())
const port = Number(process.env.PORT ?? 8787)
const host = process.env.HOST ?? '127.0.0.1'
const dataDir = resolve(process.env.CONSENTRY_DATA_DIR ?? join(root, 'data'))
const SITE_ID = 'site_demo0001'
/** A second demo site: the Canadian B2B starter configuration (sells nothing), with its cookie-declaration page. */
const B2B_SITE_ID = 'site_cab2b0001'

// The same file the CLI opens by default (DATABASE_URL unset, run from the repository root): data/consentry.db.
const databasePath = join(dataDir, 'consentry.db')
const store = await openStore(`file:${databasePath}`)
const signer = await loadSigner(store)
// One visitor clicks fast in the demo; keep the per-client write limit generous but on.
const api = createApp({
  store,
  signer,
  rateLimit: { burst: 200, perSecond: 20 },
  bannerPath: join(root, 'packages/banner/dist/consentry.js'),
  consoleDir: join(root, 'packages/console/dist'),
})

const app = new Hono()
app.route('/', beaconRoutes())
app.route('/', sitePages({ siteDir: join(root, 'examples/site'), spaDir: join(root, 'examples/spa') }))
app.get('/', (c) => c.redirect('/site/'))
app.route('/', api)

const server = serve({ fetch: app.fetch, port, hostname: host }, async (info) => {
  const origin = `http://${host}:${info.port}`
  const origins = [origin, `http://localhost:${info.port}`]
  const demo = await bootstrapDemoSite({
    store,
    app: api,
    siteId: SITE_ID,
    origins,
    configPath: join(root, 'examples/site/site-config.json'),
    keyPath: join(dataDir, 'demo-admin-key.txt'),
    ownerKeyPath: join(dataDir, 'demo-owner-key.txt'),
  })
  await bootstrapDemoSite({
    store,
    app: api,
    siteId: B2B_SITE_ID,
    name: 'Northwind Logistics (Canadian B2B demo)',
    origins,
    configPath: join(root, 'examples/configs/ca-b2b.json'),
    keyPath: join(dataDir, 'demo-b2b-admin-key.txt'),
    digestPath: join(dataDir, 'demo-b2b-config.sha256'),
    ownerKeyPath: join(dataDir, 'demo-owner-key.txt'),
  })
  console.log(
    [
      '',
      'Consentry demo is running (API + banner + console + example site, SQLite at ' + databasePath + ')',
      '',
      `  Publisher page           ${origin}/site/`,
      `  ... seen from California ${origin}/site/?country=US&region=CA`,
      `  ... California with GPC  ${origin}/site/?country=US&region=CA&gpc=1`,
      `  Single-page app          ${origin}/site/spa/`,
      `  Consent inspector        ${origin}/site/inspector.html`,
      `  Cookie declaration       ${origin}/site/ca-b2b/privacy.html?country=CA&region=QC   (Canadian B2B, sells nothing)`,
      `  API docs                 ${origin}/docs   (OpenAPI: ${origin}/v1/openapi.json)`,
      `  Console                  ${origin}/admin/`,
      `  Console sign-in link     ${origin}${demo.consoleLink}   (one use, 15 minutes, all sites)`,
      '',
      `  Demo site id             ${demo.siteId} (published configuration ${demo.versionId})`,
      `  Allowed origins          ${demo.allowedOrigins.join(', ')}`,
      `                           (pages on other origins get 403 on every write; add one with PATCH /v1/admin/sites/${demo.siteId})`,
      `  Admin key                ${demo.adminKey}   (the demo site only: cannot create sites or keys)`,
      `  Try                      curl -H "Authorization: Bearer ${demo.adminKey}" ${origin}/v1/admin/sites/${demo.siteId}/consents`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  )
})

const stop = () => server.close(() => void store.close().then(() => process.exit(0)))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
