// Bundles the CLI (and with it the server) into dist/cli.js, its worker threads into dist/workers/. Dependencies stay external (node_modules);
// migrations are read at runtime from ../drizzle relative to the bundle.
import { chmodSync } from 'node:fs'
import { dirname } from 'node:path'
import { build } from 'esbuild'
import { buildWorkers } from './build-workers.mjs'

/** Like `packages: 'external'`, except our workspace packages, which are TypeScript source and get bundled. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@consentry/') ? undefined : { path: args.path, external: true }))
  },
}

const outfile = process.argv[2] ?? new URL('../dist/cli.js', import.meta.url).pathname
await build({
  entryPoints: [new URL('../src/cli.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externalDependencies],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
})
chmodSync(outfile, 0o755)
await buildWorkers(dirname(outfile))
console.log(`built ${outfile}`)
