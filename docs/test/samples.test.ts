import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { createSigner, newApiKey, newSite, openSqliteStore } from '@consentry/api'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliForTest, serveCli } from '../../packages/api/test/build-cli'
import { launchChromium } from '../../packages/banner/test/support/chromium'
import { BANNER_DIST, startTestServer, type TestServer } from '../../packages/banner/test/support/static-server'
import { codeBlocks, docPaths, loadDoc, REPO, type CodeBlock } from './support/markdown'

const run = promisify(execFile)

/** The docs' samples by kind (`<!-- sample: kind … -->`), in document order. */
const samples = docPaths()
  .flatMap((d) => codeBlocks(loadDoc(d)))
  .filter((b) => b.marker?.startsWith('sample:'))
  .map((b) => ({ ...b, kind: b.marker!.split(/\s+/)[1]!, args: b.marker!.split(/\s+/).slice(2) }))
const ofKind = (kind: string) => samples.filter((s) => s.kind === kind)
const label = (s: CodeBlock) => `${s.doc}: ${s.text.split('\n')[0]!.slice(0, 90)}`

const SITE = 'site_abc123'

describe('docs samples', () => {
  let work: string
  let cli: string
  let api: { child: import('node:child_process').ChildProcess; url: string }
  let pages: TestServer
  let browser: Browser
  let adminKey: string
  /** HTML pages served by `pages`, by path. */
  const served = new Map<string, { type: string; body: string }>()

  /** A sample with the placeholders of CONTRIBUTING.md replaced by the running API, the page origin and the test's site. */
  const localise = (text: string) => text.replaceAll('https://consent.example.com', api.url).replaceAll('https://shop.example', pages.url)

  beforeAll(async () => {
    expect(existsSync(join(BANNER_DIST, 'consentry.js')), 'the banner is not built: run `npx -y pnpm@10 build` first').toBe(true)
    work = mkdtempSync(join(tmpdir(), 'consentry-docs-samples-'))
    mkdirSync(join(work, 'data'))
    pages = await startTestServer({
      routes: Object.fromEntries(
        ['/page.html', '/module.js'].map((path) => [
          path,
          (_req, res) => {
            const page = served.get(path)
            res.writeHead(page ? 200 : 404, { 'content-type': page?.type ?? 'text/plain' }).end(page?.body ?? '')
          },
        ]),
      ),
    })
    // The site and the admin key the samples call site_abc123 and $ADMIN_KEY, in the database `consentry serve` opens.
    const databaseUrl = `file:${join(work, 'data', 'consentry.db')}`
    const store = openSqliteStore(join(work, 'data', 'consentry.db'))
    await store.insertSite({ ...newSite({ name: 'Example Shop', allowedOrigins: [pages.url], retentionDays: null }), id: SITE })
    const key = newApiKey('docs samples', null)
    await store.insertApiKey(key.row)
    adminKey = key.secret
    await store.close()
    cli = buildCliForTest()
    const before = process.env.CONSENTRY_BANNER_PATH
    process.env.CONSENTRY_BANNER_PATH = join(BANNER_DIST, 'consentry.js')
    try {
      api = await serveCli(cli, databaseUrl)
    } finally {
      if (before === undefined) delete process.env.CONSENTRY_BANNER_PATH
      else process.env.CONSENTRY_BANNER_PATH = before
    }
    const published = await fetch(`${api.url}/v1/admin/sites/${SITE}/config-versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        siteId: SITE,
        name: 'Example Shop',
        controller: { name: 'Example Shop Ltd' },
        policy: { revision: 1, url: `${pages.url}/privacy` },
      }),
    })
    expect(published.status, await published.text()).toBe(201)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    if (api) {
      api.child.kill('SIGTERM')
      await new Promise((ok) => (api.child.exitCode === null ? api.child.once('exit', ok) : ok(null)))
    }
    await pages?.close()
    if (cli) rmSync(dirname(cli), { recursive: true, force: true })
    if (work) rmSync(work, { recursive: true, force: true })
  })

  const records = async () => {
    const res = await fetch(`${api.url}/v1/admin/sites/${SITE}/consents?limit=1000`, { headers: { authorization: `Bearer ${adminKey}` } })
    return ((await res.json()) as { items: unknown[] }).items.length
  }

  describe('shell', () => {
    const byDoc = [...new Set(ofKind('shell').map((s) => s.doc))]
    it('finds shell samples', () => expect(byDoc.length).toBeGreaterThan(1))

    it.each(byDoc)('%s: its shell samples run in order against consentry serve', async (doc) => {
      const script = ofKind('shell')
        .filter((s) => s.doc === doc)
        .map((s) => localise(s.text))
        .join('\n')
        .split('\n')
        // The runner owns the admin key and the running server (see CONTRIBUTING.md).
        .filter((line) => !/^\s*export ADMIN_KEY=/.test(line) && !/^\s*consentry serve\s*$/.test(line))
        .join('\n')
      const prelude = 'set -euo pipefail\nconsentry() { node "$CONSENTRY_CLI" "$@"; }\n'
      const result = await run('bash', ['-c', prelude + script], {
        cwd: work,
        env: { ...process.env, CONSENTRY_CLI: cli, ADMIN_KEY: adminKey, DATABASE_URL: `file:${join(work, 'data', 'consentry.db')}` },
      }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${doc}: a shell sample failed\n${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`)
      })
      expect(result.stderr).not.toMatch(/error/i)
    })
  })

  it.each(ofKind('signing-key').map((s) => [label(s), s] as const))('%s prints a key the API accepts', async (_, sample) => {
    const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${sample.text}`])
    expect(createSigner(stdout.trim()).keyId).toMatch(/^key_/)
  })

  /** Opens a page in a fresh context and collects what would tell a site owner something is wrong. */
  async function open(html: string, setup?: (page: Page) => Promise<void>) {
    served.set('/page.html', { type: 'text/html; charset=utf-8', body: html })
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (msg) => {
      if (msg.type() === 'warning' || msg.type() === 'error') if (/consentry/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`)
    })
    await setup?.(page)
    await page.goto(`${pages.url}/page.html`)
    return { page, problems, close: () => context.close() }
  }

  const pageHtml = (head: string, body = '') =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sample</title>${head}</head><body><main><h1>Sample</h1><p>Text.</p></main>${body}</body></html>`
  const perSiteEmbed = () => `<script src="${api.url}/v1/sites/${SITE}/consentry.js"></script>`
  const acceptAll = (page: Page) => page.locator('consentry-banner').getByRole('button', { name: 'Accept all' })

  it.each(ofKind('embed').map((s) => [label(s), s] as const))('%s starts the banner, and a choice is kept', async (_, sample) => {
    const { page, problems, close } = await open(pageHtml(localise(sample.text)))
    try {
      const usesApi = sample.text.includes('https://consent.example.com')
      const before = usesApi ? await records() : 0
      await acceptAll(page).click()
      // With the API, the choice must reach it as a record; without, it lives in the consent cookie only.
      if (usesApi) await expect.poll(records, { timeout: 10_000 }).toBeGreaterThan(before)
      await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'consentry')).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it.each(ofKind('embed-extra').map((s) => [label(s), s] as const))('%s opens the preferences', async (_, sample) => {
    const { page, problems, close } = await open(pageHtml(perSiteEmbed(), localise(sample.text)))
    try {
      await acceptAll(page).click()
      await page.locator('[data-consentry-open]').first().click()
      await expect.poll(() => page.getByRole('dialog').isVisible(), { timeout: 10_000 }).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it.each(ofKind('page-script').map((s) => [label(s), s] as const))('%s runs in a page with the banner', async (_, sample) => {
    const { page, problems, close } = await open(pageHtml(perSiteEmbed(), localise(sample.text)))
    try {
      const logged: string[] = []
      page.on('console', (msg) => msg.type() === 'log' && logged.push(msg.text()))
      await acceptAll(page).click()
      // A sample that logs what it hears must hear the decision just made.
      if (sample.text.includes('console.log(')) await expect.poll(() => logged.length, { timeout: 10_000 }).toBeGreaterThan(0)
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it.each(ofKind('module').map((s) => [label(s), s] as const))('%s bundles and starts the banner', async (_, sample) => {
    const bundle = await build({
      stdin: { contents: localise(sample.text), loader: 'ts', resolveDir: join(REPO, 'packages/banner'), sourcefile: 'sample.ts' },
      alias: { '@consentry/banner': join(REPO, 'packages/banner/src/index.ts') },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      write: false,
      jsx: 'automatic',
      jsxImportSource: 'preact',
    })
    served.set('/module.js', { type: 'text/javascript', body: bundle.outputFiles[0]!.text })
    const { page, problems, close } = await open(pageHtml('<script type="module" src="/module.js"></script>'))
    try {
      await acceptAll(page).click()
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it.each(ofKind('gated').map((s) => [label(s), s] as const))('%s loads its vendor only after consent', async (_, sample) => {
    const [service, category, vendor] = sample.args as [string, string, string]
    const config = {
      siteId: SITE,
      name: 'Example Shop',
      controller: { name: 'Example Shop Ltd' },
      policy: { revision: 1, url: `${pages.url}/privacy` },
      services: [
        { id: service, name: service, provider: 'Vendor', category, purpose: 'Sample', privacyPolicyUrl: 'https://vendor.example/privacy', storage: [] },
      ],
    }
    const head = `<script type="application/json" data-consentry-config>${JSON.stringify(config)}</script><script src="/consentry.js" data-country="DE"></script>`
    const requested: string[] = []
    const { page, problems, close } = await open(pageHtml(head, sample.text), async (p) => {
      // The vendor's file is outside the system: stubbed, and nothing leaves the machine.
      await p.route(`${vendor}*`, (route) => {
        requested.push(route.request().url())
        const html = route.request().resourceType() === 'document'
        return route.fulfill({
          status: 200,
          contentType: html ? 'text/html' : 'text/javascript',
          body: html ? '<p>vendor</p>' : 'window.__vendorLoaded = true',
        })
      })
    })
    try {
      await acceptAll(page).waitFor()
      await page.waitForTimeout(300)
      expect(requested, 'requested before consent').toEqual([])
      await acceptAll(page).click()
      await expect.poll(() => requested.length, { timeout: 10_000 }).toBeGreaterThan(0)
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it('runs every sample kind the docs use', () => {
    const known = ['shell', 'signing-key', 'embed', 'embed-extra', 'page-script', 'module', 'gated']
    expect(samples.filter((s) => !known.includes(s.kind)).map(label)).toEqual([])
    for (const kind of known) expect(ofKind(kind).length, kind).toBeGreaterThan(0)
  })
})
