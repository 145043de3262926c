import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApp, createSigner, generateSigningKey, openSqliteStore } from '@consentry/api'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allExports, cliCommands, envVarsRead, exportsOf, interfaceMembers } from './support/code-facts'
import { codeBlocks, codeSpans, docPaths, loadDoc, REPO } from './support/markdown'

const docs = docPaths()
const spans = docs.flatMap((d) => codeSpans(loadDoc(d)))
const blocks = docs.flatMap((d) => codeBlocks(loadDoc(d)))

/**
 * Functions the docs may show being called that are not ours: the web platform's and the vendors' globals the banner
 * feeds (`gtag`, `fbq`, …), and the snippets' own variables (`res.text()`, `outer.route(…)`).
 */
const NOT_OURS = new Set([
  'document',
  'window',
  'navigator',
  'scheduler',
  'gtag',
  'fbq',
  'uetq',
  '__gpp',
  '__uspapi',
  'crypto',
  'preventDefault',
  'res',
  'outer',
  'createServer',
  'fetch',
  'JSON',
  'c',
  'it',
])

/** Whether the span's paragraph names a source file (`packages/…/x.ts`) that defines `name`: an internal, cited with its file. */
function definedInCitedFile(context: string, name: string): boolean {
  return [...context.matchAll(/`(packages\/[\w/.-]+\.tsx?)`/g)].some((m) => {
    const path = resolve(REPO, m[1]!)
    return existsSync(path) && new RegExp(`(?:function|const|let|class)\\s+${name}\\b`).test(readFileSync(path, 'utf8'))
  })
}

const CALL = /^(?:await\s+)?([A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*\([\s\S]*\)$/
const IDENTIFIER = /^([A-Za-z_$][\w$]*)(?:\([\s\S]*\))?$/

describe('names the docs use', () => {
  const exported = allExports()
  const handle = new Set([
    ...interfaceMembers('packages/banner/src/init.ts', 'ConsentryHandle'),
    ...interfaceMembers('packages/banner/src/consent-source.ts', 'ConsentSource'),
  ])

  it('calls only functions that exist: exports, handle members, internals cited with their file, or platform and vendor globals', () => {
    const calls = spans.map((s) => ({ s, m: CALL.exec(s.text) })).filter(({ m }) => m)
    expect(calls.length).toBeGreaterThan(20)
    const unknown = calls
      .filter(({ s, m }) => !exported.has(m![1]!) && !handle.has(m![1]!) && !NOT_OURS.has(m![1]!) && !definedInCitedFile(s.context, m![1]!))
      .map(({ s }) => `${s.doc}: \`${s.text}\``)
    expect(unknown).toEqual([])
  })

  it('names only real exports where a doc says whose exports it lists (<!-- exports: … -->)', () => {
    const scoped = spans.filter((s) => s.exportsOf.length > 0)
    expect(scoped.length).toBeGreaterThan(10)
    const wrong = scoped
      .map((s) => ({ s, m: IDENTIFIER.exec(s.text) }))
      .filter(({ s, m }) => m && !NOT_OURS.has(m[1]!) && (/[A-Z]/.test(m[1]!) || s.text.includes('(')) && !s.exportsOf.some((p) => exportsOf(p).has(m[1]!)))
      .map(({ s }) => `${s.doc}: \`${s.text}\` is not exported by ${s.exportsOf.join(' or ')}`)
    expect(wrong).toEqual([])
  })

  it('imports only real exports in code samples', () => {
    const wrong: string[] = []
    for (const block of blocks) {
      for (const m of block.text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"](@consentry\/[a-z/]+)['"]/g)) {
        const names = exportsOf(m[2]!)
        for (const part of m[1]!.split(',')) {
          const name = part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!
            .trim()
          if (name && !names.has(name)) wrong.push(`${block.doc}: ${name} from ${m[2]}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('names only environment variables the code reads', () => {
    const read = envVarsRead()
    // Shell variables the docs' own samples set (`export ADMIN_KEY=…`) are the reader's, not the code's.
    const setByDocs = new Set(blocks.flatMap((b) => [...b.text.matchAll(/^\s*export\s+([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!)))
    const named = [
      // A constant cited with the file that defines it (`LAYER_CSS` in `packages/…/styles.ts`) is not a variable.
      ...spans
        .map((s) => ({ s, name: /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PORT|HOST)(?:=\S*)?$/.exec(s.text)?.[1] }))
        .filter(({ s, name }) => name && !definedInCitedFile(s.context, name))
        .map(({ name }) => name!),
      // Shell samples set our variables; a JavaScript sample may be the site's own backend reading its own.
      ...blocks.filter((b) => b.lang === 'sh').flatMap((b) => [...b.text.matchAll(/\b((?:CONSENTRY|BENCH)_[A-Z0-9_]+)\b/g)].map((m) => m[1]!)),
    ]
    expect(named).toContain('CONSENTRY_SIGNING_KEY')
    const unknown = [...new Set(named)].filter((n) => !read.has(n) && !exported.has(n) && !setByDocs.has(n))
    expect(unknown).toEqual([])
  })

  it('names only consentry commands that the CLI has', () => {
    const commands = cliCommands()
    expect(commands).toContain('serve')
    const used = [...spans.map((s) => s.text), ...blocks.filter((b) => b.lang === 'sh').map((b) => b.text)].flatMap((text) =>
      [...text.matchAll(/(?<![\w/.-])consentry\s+([a-z]+)(?:\s+([a-z]+))?/g)].map((m) => (['site', 'key'].includes(m[1]!) && m[2] ? `${m[1]} ${m[2]}` : m[1]!)),
    )
    expect(used).toContain('site create')
    expect([...new Set(used)].filter((c) => !commands.has(c))).toEqual([])
  })
})

describe('routes the docs name', () => {
  let dir: string
  let store: ReturnType<typeof openSqliteStore>
  let app: ReturnType<typeof createApp>

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'consentry-docs-'))
    store = openSqliteStore(join(dir, 'docs.db'))
    app = createApp({ store, signer: createSigner(generateSigningKey()), rateLimit: false })
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const named = [
    ...new Set(
      spans
        .map((s) => /^(GET|POST|PUT|PATCH|DELETE)\s+(\S+)/.exec(s.text))
        .filter((m) => m)
        .map((m) => `${m![1]} ${m![2]}`),
    ),
  ]

  it('finds the routes in the docs', () => {
    expect(named).toContain('POST /v1/consents')
    expect(named.length).toBeGreaterThan(20)
  })

  it.each(named)('%s is a route of the app', async (route) => {
    const [method, written] = route.split(' ') as [string, string]
    // Placeholders as the docs write them (`:siteId`, `{siteId}`, `<siteId>`, `site_…`) become sample values.
    const values: Record<string, string> = {
      siteId: 'site_abc123',
      site: 'site_abc123',
      versionId: 'cfg_abc123',
      keyId: 'key_abc123',
      chunk: 'panels',
      lang: 'de',
    }
    const path = written
      .replace(/[?[].*$/, '')
      .replace(/^\{api\}/, '')
      .replace(/:(\w+)|\{(\w+)\}|<(\w+)>/g, (_, a, b, c) => values[a ?? b ?? c] ?? 'abc123')
      .replace(/\b(site|cfg|key)_…/g, '$1_abc123')
    expect(path, `a placeholder left in ${written}`).toMatch(/^\/[\w./-]*$/)
    // The app's own route table, matched by a router of the same kind: does one of its routes take this method and
    // path? (Asking the app itself cannot tell a missing route from a route that answers 404 for a missing file.)
    const probe = new Hono()
    for (const r of app.routes) if (r.method !== 'ALL') probe.on(r.method, r.path, (c) => c.text(`${r.method} ${r.path}`))
    const res = await probe.request(path, { method })
    expect(res.status, `no route of the app takes ${method} ${path}`).toBe(200)
  })
})
