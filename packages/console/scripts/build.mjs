// Builds the console into dist/: console.js (the app), preview.js (the banner preview frame), their pages and
// stylesheets. One ES2022 bundle each, minified; no inline script, so the pages run under a strict CSP.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const dist = join(root, 'dist')
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
}
await build({ ...common, entryPoints: [join(root, 'src/main.tsx')], outfile: join(dist, 'console.js') })
await build({ ...common, entryPoints: [join(root, 'src/preview/frame.ts')], outfile: join(dist, 'preview.js') })
for (const file of ['index.html', 'preview.html', 'console.css', 'preview.css']) copyFileSync(join(root, 'src', file), join(dist, file))
for (const file of ['console.js', 'console.css', 'preview.js']) {
  const buf = readFileSync(join(dist, file))
  console.log(`console: dist/${file} ${(buf.length / 1024).toFixed(1)} KB raw, ${(gzipSync(buf).length / 1024).toFixed(1)} KB gzip`)
}
