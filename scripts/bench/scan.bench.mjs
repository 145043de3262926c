// `pnpm bench scan`: `consentry scan` of the demo, 20 same-origin pages in three passes (before any choice,
// after Reject all, after Accept all), as the built CLI runs it. The demo has five pages of its own; the other
// fifteen are the publisher page as seen from other countries, regions and with GPC (each a different page
// render and banner configuration). Baseline, in the same run: the same 60 page loads in plain Playwright
// (same browser, same pool of 3, same settle rule) without any recording. Target (issue 19): under 2 minutes.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
const cli = join(root, 'packages/api/dist/cli.js')
const server = join(root, 'examples/demo/dist/server.js')
if (!existsSync(cli) || !existsSync(server)) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' })
const { chromium } = createRequire(join(root, 'packages/scanner/package.json'))('playwright-core')
// The scanner's flags (its launcher reads the same file), so the baseline runs the browser the scan runs.
const ARGS = createRequire(import.meta.url)('../../packages/scanner/src/browser/chromium-args.json')

// The demo server on a free port, with its own data folder.
const dataDir = mkdtempSync(join(tmpdir(), 'consentry-bench-scan-'))
const demo = spawn(process.execPath, [server], {
  env: { ...process.env, PORT: '0', CONSENTRY_DATA_DIR: dataDir, CONSENTRY_REPO_ROOT: root },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const origin = await new Promise((resolve, reject) => {
  let out = ''
  demo.stdout.on('data', (d) => {
    out += d
    const m = /Publisher page\s+(http:\/\/[^/\s]+)\/site\//.exec(out)
    if (m && /Press Ctrl-C/.test(out)) resolve(m[1])
  })
  demo.once('exit', (code) => reject(new Error(`demo exited ${code}`)))
})

const variants = ['DE', 'FR', 'GB', 'IT', 'ES', 'BR', 'JP', 'IN', 'AU', 'ZA'].map((c) => `/site/?country=${c}`)
variants.push('/site/?country=US&region=CA', '/site/?country=US&region=VA', '/site/?country=US&region=CO', '/site/?gpc=1', '/site/?country=US&region=CA&gpc=1')
const pages = ['/site/', '/site/privacy.html', '/site/inspector.html', '/site/spa/', '/site/video-player.html', ...variants].slice(0, 20)

try {
  // Baseline: plain page loads, 3 passes × 20 pages, 3 at a time, each until load + network quiet (≤ 1.5 s).
  const t0 = performance.now()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS })
  for (let pass = 0; pass < 3; pass++) {
    const context = await browser.newContext()
    const queue = [...pages]
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let path = queue.shift(); path; path = queue.shift()) {
          const page = await context.newPage()
          await page.goto(origin + path, { waitUntil: 'load' })
          await page.waitForLoadState('networkidle', { timeout: 1500 }).catch(() => {})
          await page.close()
        }
      }),
    )
    await context.close()
  }
  await browser.close()
  const baseline = (performance.now() - t0) / 1000

  const t1 = performance.now()
  const extra = pages.slice(1).flatMap((p) => ['--url', origin + p])
  const out = execFileSync(process.execPath, [cli, 'scan', `${origin}/site/`, '--max-pages', '20', '--format', 'json', ...extra], {
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const scan = (performance.now() - t1) / 1000
  const result = JSON.parse(out.toString())
  const visits = result.pages.reduce((n, p) => n + p.visits.length, 0)

  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${process.env.BENCH_MACHINE ?? 'this machine'}; demo at ${origin}`)
  console.log('| run | pages | page visits | seconds | ratio |')
  console.log('|---|---|---|---|---|')
  console.log(`| baseline: plain page loads (3 × 20, pool of 3) | ${pages.length} | ${pages.length * 3} | ${baseline.toFixed(1)} | 1.00 |`)
  console.log(
    `| consentry scan (3 passes, pool of 3, CLI start to report) | ${result.pages.length} | ${visits} | ${scan.toFixed(1)} | ${(scan / baseline).toFixed(2)} |`,
  )
  console.log(`target: under 120 s: ${scan < 120 ? 'met' : 'NOT met'}`)
  if (result.pages.length !== 20 || result.passes.length !== 3)
    throw new Error(`expected 20 pages in 3 passes, got ${result.pages.length} in ${result.passes.length}`)
} finally {
  demo.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
