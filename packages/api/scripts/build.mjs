// Bundles the CLI (and with it the server) into dist/cli.js. Dependencies stay external (node_modules);
// migrations are read at runtime from ../drizzle relative to the bundle.
import { chmodSync } from 'node:fs'
import { build } from 'esbuild'

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
console.log(`built ${outfile}`)
