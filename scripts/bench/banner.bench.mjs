// `pnpm bench banner`: the banner's default embed against vanilla-cookieconsent, Orejime and Klaro (installed
// as dev dependencies of this package). Consentry twice: as the API serves it (`/v1/sites/:site/consentry.js`,
// the configuration for the visitor built in, so no second request) and with inline configuration (no API; the
// inline guards load at start), each placed first in <head> as the docs tell site owners. Sizes: gzip and brotli of
// the JS + CSS a site ships (for the API-served script, without the configuration JSON it carries; that is reported
// apart). In Chromium at 1x and 4x CPU throttling: time from navigation start until the "accept" button is visible,
// main-thread script time (CDP Performance.ScriptDuration), long tasks (over 50 ms, PerformanceObserver 'longtask',
// count and longest, and the total blocking time: what each long task spent over 50 ms, summed, as Lighthouse
// counts it) and settle time (from the button being visible until the page's animations, such as a banner's
// entrance, have finished). All are taken inside the page, so that no harness script runs while it is measured.
// Runs alternate between banners; medians of BENCH_RUNS (default 9). Each page has the same four categories and
// three services; a `no-banner` page (the host page alone) gives the floor for script time and long tasks.
// Loopback only.
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = join(import.meta.dirname, '..', '..')
const mods = join(import.meta.dirname, 'node_modules')
const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 9))
const RATES = [1, 4]
const { chromium } = createRequire(join(root, 'packages/banner/package.json'))('playwright-core')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (!existsSync(join(root, 'packages/banner/dist/consentry.js'))) {
  execFileSync(process.execPath, [join(root, 'packages/banner/scripts/build.mjs')], { stdio: 'inherit' })
}

const services = [
  { id: 'prefs', name: 'Language memory', category: 'functional' },
  { id: 'ga4', name: 'Google Analytics', category: 'analytics' },
  { id: 'meta-pixel', name: 'Meta Pixel', category: 'advertising' },
]
const consentryConfig = {
  siteId: 'site_bench0001',
  name: 'Bench Shop',
  controller: { name: 'Bench Shop Ltd' },
  policy: { revision: 1, url: 'https://shop.example/privacy' },
  services: services.map((s) => ({ ...s, provider: 'Example', purpose: s.name, privacyPolicyUrl: 'https://shop.example/privacy' })),
}

// The ConfigResponse the API would build in (schema defaults applied, German visitor), from the shared package.
const { build } = createRequire(join(root, 'packages/banner/package.json'))('esbuild')
const tmp = mkdtempSync(join(tmpdir(), 'consentry-bench-'))
await build({
  stdin: {
    contents: `import { siteConfigSchema } from '@consentry/shared/schemas'
import { normalizeLocation, resolveJurisdiction } from '@consentry/shared'
export const configResponse = (input, country) => ({ siteId: input.siteId, versionId: 'cfg_bench1', hash: '0'.repeat(64),
  config: siteConfigSchema.parse(input), jurisdiction: resolveJurisdiction(normalizeLocation(country)) })`,
    resolveDir: join(root, 'packages/banner'),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(tmp, 'config.mjs'),
  logLevel: 'warning',
})
const { configResponse } = await import(pathToFileURL(join(tmp, 'config.mjs')).href)
rmSync(tmp, { recursive: true, force: true })
const core = join(root, 'packages/banner/dist/consentry.js')
const bootstrap = `window.__consentryBootstrap=${JSON.stringify(configResponse(consentryConfig, 'DE'))};\n`

/** What each banner ships (files a site serves) and how its page starts it. */
const BANNERS = {
  consentry: {
    // The default embed: the API-served script (bootstrap + core). The dialogs load on Customize.
    files: { '/consentry.js': core },
    prefix: { '/consentry.js': bootstrap },
    head: `<script src="/consentry.js"></script>`,
    body: '',
    accept: "document.querySelector('#consentry-first-layer [data-action=accept]')",
  },
  // BENCH_BASELINE=<path to another build's consentry.js>: that build too, served the same way, for an A/B of a change.
  ...(process.env.BENCH_BASELINE && {
    'consentry-baseline': {
      files: { '/consentry.js': process.env.BENCH_BASELINE },
      prefix: { '/consentry.js': bootstrap },
      head: `<script src="/consentry.js"></script>`,
      body: '',
      accept: "document.querySelector('#consentry-first-layer [data-action=accept]')",
    },
  }),
  'consentry-inline': {
    // Inline configuration brings its guards chunk at load (with the API it does not).
    files: { '/consentry.js': core, '/consentry-config.js': join(root, 'packages/banner/dist/consentry-config.js') },
    head: `<script type="application/json" data-consentry-config>${JSON.stringify(consentryConfig)}</script><script src="/consentry.js"></script>`,
    body: '',
    accept: "document.querySelector('#consentry-first-layer [data-action=accept]')",
  },
  'vanilla-cookieconsent': {
    files: { '/cc.js': join(mods, 'vanilla-cookieconsent/dist/cookieconsent.umd.js'), '/cc.css': join(mods, 'vanilla-cookieconsent/dist/cookieconsent.css') },
    head: '<link rel="stylesheet" href="/cc.css">',
    body: `<script src="/cc.js"></script><script>CookieConsent.run(${JSON.stringify({
      hideFromBots: false, // the bench browser is headless (a bot to its check)
      categories: { necessary: { enabled: true, readOnly: true }, functional: {}, analytics: {}, advertising: {} },
      language: {
        default: 'en',
        translations: {
          en: {
            consentModal: {
              title: 'We value your privacy',
              description: 'We use cookies.',
              acceptAllBtn: 'Accept all',
              acceptNecessaryBtn: 'Reject all',
              showPreferencesBtn: 'Customize',
            },
            preferencesModal: {
              title: 'Privacy preferences',
              acceptAllBtn: 'Accept all',
              acceptNecessaryBtn: 'Reject all',
              savePreferencesBtn: 'Save choices',
              sections: ['necessary', 'functional', 'analytics', 'advertising'].map((c) => ({ title: c, description: c, linkedCategory: c })),
            },
          },
        },
      },
    })})</script>`,
    accept: "document.querySelector('#cc-main [data-role=all]')",
  },
  orejime: {
    files: { '/orejime.js': join(mods, 'orejime/dist/orejime-standard-en.js'), '/orejime.css': join(mods, 'orejime/dist/orejime-standard.css') },
    head: '<link rel="stylesheet" href="/orejime.css">',
    body: `<script>window.orejimeConfig = ${JSON.stringify({
      privacyPolicyUrl: 'https://shop.example/privacy',
      purposes: [
        { id: 'essential', title: 'Essential', isMandatory: true, cookies: ['consent'] },
        ...services.map((s) => ({ id: s.id, title: s.name, cookies: [s.id] })),
      ],
    })}</script><script src="/orejime.js"></script>`,
    accept: "document.querySelector('.orejime-Button--save')",
  },
  klaro: {
    files: { '/klaro.js': join(mods, 'klaro/dist/klaro.js') },
    head: '',
    body: `<script>window.klaroConfig = ${JSON.stringify({
      acceptAll: true,
      privacyPolicy: 'https://shop.example/privacy',
      services: services.map((s) => ({ name: s.id, title: s.name, purposes: [s.category] })),
    })}</script><script src="/klaro.js"></script>`,
    accept: "document.querySelector('.cm-btn-accept-all') || document.querySelector('.cm-btn-success')",
  },
  // The host page alone: its own long tasks are the floor every banner's figures stand on. No accept button: its
  // window ends at the load event (visible and settle are not shown for it).
  'no-banner': { files: {}, head: '', body: '', accept: null },
}

const page = (b) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Bench</title>${b.head}</head>` +
  `<body><main><h1>Bench Shop</h1><p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p></main>${b.body}</body></html>`

// --- sizes ------------------------------------------------------------------------------------------------------
const sizes = {}
for (const [name, b] of Object.entries(BANNERS)) {
  const bytes = Buffer.concat(Object.values(b.files).map((f) => readFileSync(f)))
  sizes[name] = {
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

// --- server -------------------------------------------------------------------------------------------------------
const server = createServer((req, res) => {
  const [, name, ...rest] = (req.url ?? '/').split('/')
  const b = BANNERS[name]
  if (!b) return void res.writeHead(404).end()
  const path = '/' + rest.join('/')
  if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(b))
  const file = b.files[path]
  if (!file) return void res.writeHead(404).end()
  const body = (b.prefix?.[path] ?? '') + readFileSync(file, 'utf8')
  res.writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body)
})
await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
const base = `http://127.0.0.1:${server.address().port}`
// Each banner's page loads its files by absolute path under its own prefix.
for (const b of Object.values(BANNERS))
  for (const f of Object.keys(b.files)) (b.body = b.body.replaceAll(`"${f}"`, `"./${f.slice(1)}"`)), (b.head = b.head.replaceAll(`"${f}"`, `"./${f.slice(1)}"`))

// --- runs ---------------------------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  // The flags every Consentry launcher uses (the scanner's list).
  args: createRequire(import.meta.url)('../../packages/scanner/src/browser/chromium-args.json'),
})
const names = Object.keys(BANNERS).filter((n) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(n))
const samples = {} // `${name}@${rate}` → { visible: [], script: [] }

async function measure(name, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const tab = await context.newPage()
  const cdp = await context.newCDPSession(tab)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate })
  await cdp.send('Performance.enable')
  // Everything is measured inside the page by an init script, so that nothing of the harness runs in the page
  // while it is measured (Playwright's own injected scripts make long tasks of their own at 4x). It polls every
  // frame from the very start of the document for the accept button being laid out and visible, then waits for the
  // page's animations (the banner's entrance) to finish and 300 ms more, freezes its figures and says so on the
  // console, which the harness hears without evaluating anything in the page.
  await tab.addInitScript(`(() => {
    const longTasks = []
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration) }).observe({ type: 'longtask', buffered: true })
    const find = () => { try { return ${BANNERS[name].accept} } catch { return null } }
    const tick = () => {
      const el = find()
      if (el) { const r = el.getBoundingClientRect(); const s = getComputedStyle(el)
        if (r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.01) return visibleAt(performance.now()) }
      requestAnimationFrame(tick)
    }
    const visibleAt = (visible) =>
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))).then(() => {
        const settled = performance.now()
        setTimeout(() => {
          window.__bench = { visible, settled, longTasks: [...longTasks] }
          console.debug('consentry-bench: measured')
        }, 300)
      })
    if (${BANNERS[name].accept === null}) addEventListener('load', () => visibleAt(performance.now()))
    else requestAnimationFrame(tick)
  })()`)
  const measured = tab.waitForEvent('console', {
    predicate: (m) => m.text() === 'consentry-bench: measured',
    timeout: Number(process.env.BENCH_TIMEOUT ?? 30_000),
  })
  await tab.goto(`${base}/${name}/`)
  await measured.catch((e) => {
    throw new Error(`${name}: accept button never became visible (${e.message})`)
  })
  // Script time first: reading the figures is itself a script run in the page.
  const { metrics } = await cdp.send('Performance.getMetrics')
  const script = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000
  const { visible, settled, longTasks } = await tab.evaluate(() => window.__bench)
  await context.close()
  const blocking = longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0)
  return { visible, script, settle: Math.max(0, settled - visible), long: longTasks.length, longest: Math.max(0, ...longTasks), blocking }
}

const started = Date.now()
for (let run = 0; run < RUNS; run++) {
  for (const rate of RATES) {
    // rotate the order each run so no banner always goes first
    const order = names.map((_, i) => names[(i + run) % names.length])
    for (const name of order) {
      const key = `${name}@${rate}`
      const m = await measure(name, rate)
      const sample = (samples[key] ??= { visible: [], script: [], settle: [], long: [], longest: [], blocking: [] })
      for (const k of Object.keys(sample)) sample[k].push(m[k])
    }
  }
}
await browser.close()
server.close()

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
const kb = (n) => (n / 1024).toFixed(1)
const ratio = (v, ref) => (ref > 0 ? `${(v / ref).toFixed(2)}×` : '–')
const rows = [
  [
    'banner',
    'gzip KB',
    'brotli KB',
    ...RATES.flatMap((r) => [`visible ${r}x ms`, `script ${r}x ms`, `long tasks ${r}x (longest ms), runs without`, `blocking ${r}x ms`, `settle ${r}x ms`]),
  ],
]
for (const name of names) {
  const control = BANNERS[name].accept === null
  const row = [
    name,
    control ? '–' : `${kb(sizes[name].gzip)} (${ratio(sizes[name].gzip, sizes.consentry.gzip)})`,
    control ? '–' : `${kb(sizes[name].brotli)} (${ratio(sizes[name].brotli, sizes.consentry.brotli)})`,
  ]
  for (const rate of RATES) {
    const v = median(samples[`${name}@${rate}`].visible)
    const s = median(samples[`${name}@${rate}`].script)
    const rv = median(samples[`consentry@${rate}`].visible)
    const rs = median(samples[`consentry@${rate}`].script)
    const at = samples[`${name}@${rate}`]
    // Long tasks: the median count, the longest seen in any run (one is enough to block the page), and in how many
    // runs there was none (the machine's speed drifts between runs; a median alone hides that).
    row.push(
      control ? '–' : `${v.toFixed(0)} (${ratio(v, rv)})`,
      `${s.toFixed(1)} (${ratio(s, rs)})`,
      `${median(at.long)} (${Math.max(...at.longest).toFixed(0)}) ${at.long.filter((n) => n === 0).length}/${at.long.length} none`,
      `${median(at.blocking).toFixed(0)}`,
      control ? '–' : `${median(at.settle).toFixed(0)}`,
    )
  }
  rows.push(row)
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
console.log(`\nBanner embed, Chromium headless, medians of ${RUNS} alternating runs (ratio vs consentry), ${((Date.now() - started) / 1000).toFixed(0)} s`)
console.log(`(consentry's API-served script also carries this site's configuration: ${kb(gzipSync(bootstrap, { level: 9 }).length)} KB gzip more)`)
console.log(line(rows[0]))
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
for (const r of rows.slice(1)) console.log(line(r))
