// Builds the script-tag bundle: dist/consentry.js (IIFE, minified, CSS inside as a string), the on-demand
// translations dist/i18n/<locale>.json, and dist/meta.json (esbuild metafile). Prints the gzip and brotli sizes.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const dist = join(root, 'dist')
rmSync(dist, { recursive: true, force: true })
mkdirSync(join(dist, 'i18n'), { recursive: true })

const result = await build({
  entryPoints: [join(root, 'src/global.ts')],
  outfile: join(dist, 'consentry.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
})
writeFileSync(join(dist, 'meta.json'), JSON.stringify(result.metafile))

for (const file of readdirSync(join(root, 'src/i18n'))) {
  if (file.endsWith('.json')) copyFileSync(join(root, 'src/i18n', file), join(dist, 'i18n', file))
}

const js = readFileSync(join(dist, 'consentry.js'))
const gzip = gzipSync(js, { level: 9 }).length
const brotli = brotliCompressSync(js, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
console.log(`banner: dist/consentry.js ${kb(js.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget 12 KB gzip)`)
