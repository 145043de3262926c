// `pnpm bench api`: consent writes/s and config reads/s of the API on SQLite and PostgreSQL, next to a bare Hono
// endpoint measured in the same run (POST that parses and echoes JSON; GET of a fixed JSON body), with ratios.
// Then visitor lookups and a full export against 1 M records. Loopback only; PostgreSQL is a throwaway server
// with default durability (fsync on), started and stopped here.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const root = join(import.meta.dirname, '..', '..')
const api = join(root, 'packages', 'api')
const DURATION = Number(process.env.BENCH_DURATION ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
// Writes are measured at each level, reads at the first. A durable write waits for its group commit, so it needs
// more requests in flight than an echo to reach its peak (Little's law); the bare echo gets the same levels.
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '64,256').split(',').map(Number)
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000)
const work = join(api, 'dist', `bench-${process.pid}`)
mkdirSync(work, { recursive: true })
const tmp = mkdtempSync(join(tmpdir(), 'consentry-bench-'))
const children = []
const cleanup = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
  rmSync(tmp, { recursive: true, force: true })
}
process.on('exit', cleanup)

// --- builds: the CLI, a bare Hono server, the seeding helper (all beside packages/api/node_modules) ---------------
execFileSync(process.execPath, [join(api, 'scripts', 'build.mjs'), join(work, 'cli.js')], { stdio: 'ignore' })
const { build } = await import(join(api, 'node_modules', 'esbuild', 'lib', 'main.js'))
await build({
  entryPoints: [join(api, 'test', 'bench-seed.ts')],
  outfile: join(work, 'seed.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  plugins: [
    { name: 'ext', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@consentry/') ? undefined : { path: a.path, external: true })) },
  ],
  logLevel: 'warning',
})
const seed = await import(join(work, 'seed.js'))
writeFileSync(
  join(work, 'bare.mjs'),
  `import { Hono } from 'hono'
import { serve } from '@hono/node-server'
const config = ${JSON.stringify(JSON.stringify({ padding: 'x'.repeat(1800) }))}
// The body is read from the Node request stream, as the API's own JSON middleware does on Node: Hono's generic
// \`c.req.json()\` on @hono/node-server builds a WHATWG Request per POST, which alone costs ~4x the rest of an echo
// here (measured: ~6 k req/s against ~28 k), so it would make a slow yardstick. It is measured once, for reference.
const read = (incoming) => new Promise((resolve, reject) => {
  const chunks = []
  incoming.on('data', (chunk) => chunks.push(chunk))
  incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  incoming.once('error', reject)
})
const app = new Hono()
app.post('/echo', async (c) => c.json(JSON.parse(await read(c.env.incoming)), 201))
app.post('/echo-generic', async (c) => c.json(await c.req.json(), 201))
app.get('/config', (c) => c.body(config, 200, { 'content-type': 'application/json' }))
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (i) => console.log('listening on http://127.0.0.1:' + i.port + ' '))
`,
)

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

function start(args, env) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/\S+) /.exec(out)
      if (m) resolve({ child, url: m[1] })
    })
    child.stderr.on('data', (d) => (out += d))
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

async function stop(child) {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function startPostgres() {
  const bins = [
    process.env.CONSENTRY_PG_BIN,
    ...execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr || true']).toString().split('\n'),
  ]
  const bin = bins.find((b) => b && b.trim())
  if (!bin) throw new Error('PostgreSQL binaries not found: install postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'consentry-bench-pg-'))
  const root = process.getuid() === 0
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])))
  const wrap = (cmd, args) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args])
  const [ic, ia] = wrap(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8'])
  execFileSync(ic, ia, { stdio: 'ignore' })
  const port = await freePort()
  const [c, a] = wrap(join(bin, 'postgres'), ['-D', join(dir, 'data'), '-k', dir, '-h', '127.0.0.1', '-p', String(port), '-c', 'shared_buffers=256MB'])
  const child = spawn(c, a, { stdio: 'ignore' })
  children.push(child)
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const { default: pg } = await import(join(api, 'node_modules', 'pg', 'lib', 'index.js'))
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      break
    } catch {
      if (i > 300) throw new Error('PostgreSQL did not start')
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    url,
    stop: async () => {
      const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGINT')
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS[0], duration: DURATION, pipelining: 1, ...opts }, (err, res) => (err ? reject(err) : resolve(res)))
  })
}

let seq = 0
// Visitor ids and idempotency keys as the banner makes them (time-ordered, see packages/shared/src/consent/ids.ts);
// `randomIds` sends uniformly random ones instead, as a client that ignores the banner's ids would.
const bannerIds = { visitorId: seed.newVisitorId, idempotencyKey: seed.newIdempotencyKey }
const randomIds = { visitorId: () => randomBytes(16).toString('hex'), idempotencyKey: () => randomBytes(16).toString('hex') }
function consentRequest(site, ids = bannerIds) {
  return {
    method: 'POST',
    path: '/v1/consents',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify(consentBody(site, ids)) }),
  }
}
function consentBody(site, ids) {
  seq++
  return {
    siteId: site.siteId,
    visitorId: ids.visitorId(),
    idempotencyKey: ids.idempotencyKey(),
    method: 'custom',
    categories: { functional: true, analytics: seq % 2 === 0, advertising: false },
    services: { ga4: seq % 2 === 0 },
    doNotSell: false,
    gpc: false,
    policyRevision: 1,
    configVersionId: site.versionId,
    locale: 'en',
    jurisdiction: 'DE',
    bannerVersion: '0.1.0',
    pageUrl: 'https://shop.example/products/42?utm_source=x',
    decidedAt: Date.now(),
  }
}

/** Measures one target: a 1 s warm-up, then DURATION seconds. Non-2xx responses are counted and reported. */
async function measure(label, url, request, connections = CONNECTIONS[0]) {
  await cannon({ url, duration: 1, requests: [request], connections })
  const r = await cannon({ url, requests: [request], connections })
  const errors = r.non2xx + r.errors + r.timeouts
  return { label, connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, errors }
}

async function adminJson(url, key, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

async function setupSite(url, key) {
  const site = await adminJson(url, key, 'POST', '/v1/admin/sites', { name: 'Bench', allowedOrigins: ['https://shop.example'] })
  const version = await adminJson(url, key, 'POST', `/v1/admin/sites/${site.id}/config-versions`, seed.sampleConfig(site.id))
  return { siteId: site.id, versionId: version.id, configHash: version.hash }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function lookups(url, n) {
  const times = []
  for (let i = 0; i < n; i++) {
    const visitor = seed.benchVisitor(Math.floor(Math.random() * (RECORDS / 5)))
    const t = performance.now()
    const res = await fetch(`${url}/v1/consents?visitorId=${visitor}`)
    const body = await res.json()
    times.push(performance.now() - t)
    if (body.records.length !== 5) throw new Error(`visitor ${visitor}: ${body.records.length} records`)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

async function exportAll(url, key, siteId) {
  const t = performance.now()
  const res = await fetch(`${url}/v1/admin/sites/${siteId}/consents/export?format=ndjson`, { headers: { authorization: `Bearer ${key}` } })
  let lines = 0
  let bytes = 0
  for await (const chunk of res.body) {
    bytes += chunk.length
    for (const b of chunk) if (b === 10) lines++
  }
  return { seconds: (performance.now() - t) / 1000, lines, mb: bytes / 1e6 }
}

/** PostgreSQL's checkpoints so far (timed and requested) and its WAL position in bytes. */
async function pgCounters(url) {
  const { default: pg } = await import(join(api, 'node_modules', 'pg', 'lib', 'index.js'))
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
    const v17 = (await client.query("select to_regclass('pg_catalog.pg_stat_checkpointer') is not null as v17")).rows[0].v17
    const [sum, view] = v17 ? ['num_timed + num_requested', 'pg_stat_checkpointer'] : ['checkpoints_timed + checkpoints_req', 'pg_stat_bgwriter']
    const { rows } = await client.query(`select ${sum} as checkpoints, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') as wal from ${view}`)
    return { checkpoints: Number(rows[0].checkpoints), walBytes: Number(rows[0].wal) }
  } finally {
    await client.end()
  }
}

async function runStore(kind, databaseUrl, bareUrl) {
  const key = JSON.parse(
    execFileSync(process.execPath, [join(work, 'cli.js'), 'key', 'create', '--label', 'bench'], { env: { ...process.env, DATABASE_URL: databaseUrl } }),
  ).key
  const env = { DATABASE_URL: databaseUrl, PORT: String(await freePort()), CONSENTRY_RATE_LIMIT: 'off', CONSENTRY_TRUST_PROXY: '0' }
  let server = await start([join(work, 'cli.js'), 'serve'], env)
  const big = await setupSite(server.url, key)
  const site = await setupSite(server.url, key)
  await stop(server.child)
  const seedMs = await seed.seedRecords(databaseUrl, big, RECORDS)
  const settleMs = await seed.settleStore(databaseUrl)
  console.log(
    `  ${kind}: seeded ${RECORDS.toLocaleString('en')} records in ${(seedMs / 1000).toFixed(1)} s, then vacuumed/analyzed and checkpointed in ${(settleMs / 1000).toFixed(1)} s (as pgbench -i does)`,
  )
  server = await start([join(work, 'cli.js'), 'serve'], env)
  const before = kind === 'postgres' ? await pgCounters(databaseUrl) : null
  // The machine is shared: bare and API targets alternate, round after round, and each ratio compares neighbours.
  const rounds = []
  for (let i = 0; i < ROUNDS; i++) {
    const writes = []
    for (const c of CONNECTIONS) {
      const bareWrite = await measure('bare Hono: POST echo', bareUrl, bareEcho, c)
      const write = await measure(`${kind}: POST /v1/consents`, server.url, consentRequest(site), c)
      writes.push({ bareWrite, write })
    }
    // Once a round, at the first level: the same writes with random ids (not the target; see docs/benchmarks.md).
    const randomWrite = await measure(`${kind}: POST /v1/consents, random ids`, server.url, consentRequest(site, randomIds))
    const bareRead = await measure('bare Hono: GET fixed JSON', bareUrl, { method: 'GET', path: '/config' })
    const read = await measure(`${kind}: GET config`, server.url, { method: 'GET', path: `/v1/sites/${site.siteId}/config`, headers: { 'cf-ipcountry': 'DE' } })
    // As a browser asks: the same cached read, answered with the brotli body (not a target; see docs/benchmarks.md).
    const asked = await fetch(`${server.url}/v1/sites/${site.siteId}/config`, { headers: { 'cf-ipcountry': 'DE', 'accept-encoding': 'br' } })
    if (asked.headers.get('content-encoding') !== 'br') throw new Error(`config read not brotli-compressed: ${asked.headers.get('content-encoding')}`)
    await asked.arrayBuffer()
    const browserRead = await measure(`${kind}: GET config, Accept-Encoding br`, server.url, {
      method: 'GET',
      path: `/v1/sites/${site.siteId}/config`,
      headers: { 'cf-ipcountry': 'DE', 'accept-encoding': 'gzip, deflate, br, zstd' },
    })
    rounds.push({ writes, randomWrite, bareRead, read, browserRead })
  }
  if (before) {
    // Checkpoints make the next write of every page a full-page image in the WAL: say how many ran meanwhile.
    const after = await pgCounters(databaseUrl)
    console.log(
      `  postgres during the rounds: ${after.checkpoints - before.checkpoints} checkpoint(s), ${fmt((after.walBytes - before.walBytes) / 1e6)} MB of WAL`,
    )
  }
  const lookup = await lookups(server.url, 500)
  const exp = await exportAll(server.url, key, big.siteId)
  const rss =
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(server.child.pid)])
        .toString()
        .trim(),
    ) / 1024
  await stop(server.child)
  return { rounds, lookup, exp, seedMs, rss }
}

const fmt = (n, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log(
  `API bench: ${ROUNDS} rounds × ${DURATION} s per target, writes at ${CONNECTIONS.join(' and ')} connections, reads at ${CONNECTIONS[0]}, 127.0.0.1; ${RECORDS.toLocaleString('en')} records for lookups/export`,
)

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (2 cores here; other work on the machine skews absolute figures)`,
)
const bare = await start([join(work, 'bare.mjs')], { PORT: String(await freePort()) })
// The same body generator as the API's writes, so the load generator spends the same per request on both.
const bareEcho = { ...consentRequest({ siteId: 'site_bench', versionId: 'cfg_x' }), path: '/echo' }
const genericEcho = await measure('bare Hono: POST echo via c.req.json() (reference only)', bare.url, { ...bareEcho, path: '/echo-generic' })

// BENCH_STORES=postgres (or sqlite) measures one store only.
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',')
const results = {}
if (STORES.includes('sqlite')) results.sqlite = await runStore('sqlite', `file:${join(tmp, 'bench.db')}`, bare.url)
if (STORES.includes('postgres')) {
  const pgServer = await startPostgres()
  try {
    results.postgres = await runStore('postgres', pgServer.url, bare.url)
  } finally {
    await pgServer.stop()
  }
}
await stop(bare.child)

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
console.log('\n| round | target | connections | req/s | p50 ms | p99 ms | non-2xx | vs bare (same round) |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|')
for (const r of Object.values(results)) {
  r.rounds.forEach((round, i) => {
    const pairs = [
      ...round.writes.flatMap((w) => [
        [w.bareWrite, null],
        [w.write, w.bareWrite],
      ]),
      [round.randomWrite, round.writes[0].bareWrite],
      [round.bareRead, null],
      [round.read, round.bareRead],
      [round.browserRead, round.bareRead],
    ]
    for (const [m, base] of pairs) {
      console.log(
        `| ${i + 1} | ${m.label} | ${m.connections} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${m.errors} | ${base ? fmt(m.rps / base.rps, 2) : '1.00'} |`,
      )
    }
  })
}
console.log(
  `| - | ${genericEcho.label} | ${genericEcho.connections} | ${fmt(genericEcho.rps)} | ${genericEcho.p50} | ${genericEcho.p99} | ${genericEcho.errors} | - |`,
)
const mark = (x, target) => `${fmt(x, 2)} ${x >= target ? '✓' : '✗'}`
const peak = (ms) => Math.max(...ms.map((m) => m.rps))
console.log(
  `\n| store | ${CONNECTIONS.map((c) => `writes vs bare at ${c} connections`).join(' | ')} | peak writes vs peak bare | random-id writes vs bare at ${CONNECTIONS[0]} (not a target) | config reads vs bare (target ≥ 0.80) | brotli config reads vs bare (not a target) |`,
)
console.log(`|---|${CONNECTIONS.map(() => '---:|').join('')}---:|---:|---:|---:|`)
for (const [kind, r] of Object.entries(results)) {
  // Medians of the per-round ratios; "peak" divides each round's best write level by its best echo level.
  const atLevel = CONNECTIONS.map((_, j) => median(r.rounds.map((x) => x.writes[j].write.rps / x.writes[j].bareWrite.rps)))
  const peaks = median(r.rounds.map((x) => peak(x.writes.map((w) => w.write)) / peak(x.writes.map((w) => w.bareWrite))))
  const rd = median(r.rounds.map((x) => x.read.rps / x.bareRead.rps))
  const random = median(r.rounds.map((x) => x.randomWrite.rps / x.writes[0].bareWrite.rps))
  const brotliRead = median(r.rounds.map((x) => x.browserRead.rps / x.bareRead.rps))
  console.log(
    `| ${kind} | ${atLevel.map((w) => mark(w, 0.5)).join(' | ')} | ${mark(peaks, 0.5)} | ${fmt(random, 2)} | ${mark(rd, 0.8)} | ${fmt(brotliRead, 2)} |`,
  )
}
console.log('(write target ≥ 0.50; medians of the per-round ratios)')
console.log(`\n| store | seed ${fmt(RECORDS)} (batched) | visitor lookup p50 / p99 ms | export NDJSON ${fmt(RECORDS)} rows | server RSS after export |`)
console.log('|---|---:|---:|---:|---:|')
for (const [kind, r] of Object.entries(results)) {
  console.log(
    `| ${kind} | ${fmt(r.seedMs / 1000, 1)} s | ${fmt(r.lookup.p50, 2)} / ${fmt(r.lookup.p99, 2)} | ${fmt(r.exp.seconds, 1)} s (${fmt(r.exp.lines / r.exp.seconds)} rows/s, ${fmt(r.exp.mb)} MB, ${fmt(r.exp.lines)} lines) | ${fmt(r.rss)} MB |`,
  )
}
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
