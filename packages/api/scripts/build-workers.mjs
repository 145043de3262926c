// Bundles the API's worker threads (typed modules in src/) into <outdir>/workers/*.mjs, where `workerFile()`
// finds them: beside a bundle (dist/cli.js, the demo's server.js) or in dist/ for the sources (tests).
// Run alone (`node scripts/build-workers.mjs [outdir]`) by the tests' global setup; imported by build.mjs.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const WORKERS = { 'sqlite-writer': '../src/db/sqlite-writer-thread.ts', signing: '../src/records/signing-thread.ts' }

/** Bundles every worker into `<outdir>/workers/`; each file is replaced at once, so a running test never reads half of one. */
export async function buildWorkers(outdir) {
  mkdirSync(outdir, { recursive: true })
  const staging = mkdtempSync(join(outdir, '.workers-'))
  await build({
    entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, src]) => [name, fileURLToPath(new URL(src, import.meta.url))])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The driver is loaded by the path the main thread resolved; nothing else leaves the bundle.
    packages: 'external',
    logLevel: 'warning',
  })
  mkdirSync(join(outdir, 'workers'), { recursive: true })
  for (const file of readdirSync(staging)) renameSync(join(staging, file), join(outdir, 'workers', file))
  rmSync(staging, { recursive: true, force: true })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWorkers(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)))
