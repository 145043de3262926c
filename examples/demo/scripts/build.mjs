// Bundles the demo server with its JavaScript dependencies; only the database drivers (native code or
// optional native parts) and playwright-core stay external and resolve from this package's own dependencies.
import { cpSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildWorkers } from '../../../packages/api/scripts/build-workers.mjs'

await build({
  entryPoints: [new URL('../src/server.ts', import.meta.url).pathname],
  outfile: new URL('../dist/server.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // playwright-core finds its own files at run time (the scanner launches Chromium through it): not bundled.
  external: ['better-sqlite3', 'pg', 'pg-native', 'playwright-core'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
})

// The API finds its migrations by walking up from the running module: ship them beside the bundle.
cpSync(new URL('../../../packages/api/drizzle', import.meta.url), new URL('../dist/drizzle', import.meta.url), { recursive: true })

// The API's worker threads are bundles of their own, found beside the server bundle.
await buildWorkers(fileURLToPath(new URL('../dist', import.meta.url)))
