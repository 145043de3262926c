// Builds the script-tag bundle: dist/consentry.js (the core every first view needs: IIFE, minified, its CSS
// inside as a string), the chunks it loads from beside itself on first use (dist/consentry-panels.js: the dialogs
// and their CSS; dist/consentry-config.js: inline configuration's guards and jurisdiction rules; dist/consentry-us.js:
// the GPP/USP encoders, US jurisdictions only), the on-demand translations
// dist/i18n/<locale>.json, and dist/meta.json (esbuild metafile, the core first). Prints gzip and brotli sizes.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const dist = join(root, 'dist')
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  charset: 'utf8',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
}

const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
})

rmSync(dist, { recursive: true, force: true })
mkdirSync(join(dist, 'i18n'), { recursive: true })
const core = await build({ ...common, entryPoints: [join(root, 'src/global.ts')], outfile: join(dist, 'consentry.js') })
const chunks = await Promise.all(
  ['panels', 'config', 'us', 'cleanup', 'delivery', 'embeds'].map((name) =>
    build({ ...common, entryPoints: [join(root, `src/chunks/${name}.ts`)], outfile: join(dist, `consentry-${name}.js`) }),
  ),
)
const metas = [core, ...chunks].map((r) => r.metafile)
writeFileSync(
  join(dist, 'meta.json'),
  JSON.stringify({ inputs: Object.assign({}, ...metas.map((m) => m.inputs)), outputs: Object.assign({}, ...metas.map((m) => m.outputs)) }),
)

for (const file of readdirSync(join(root, 'src/i18n'))) {
  if (file.endsWith('.json')) copyFileSync(join(root, 'src/i18n', file), join(dist, 'i18n', file))
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`
for (const file of ['consentry.js', 'consentry-panels.js', 'consentry-config.js', 'consentry-us.js', 'consentry-cleanup.js', 'consentry-delivery.js', 'consentry-embeds.js']) {
  const s = sizes(readFileSync(join(dist, file)))
  console.log(`banner: dist/${file} ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`)
}
console.log('banner: a first view downloads dist/consentry.js only (budget in test/e2e/size.test.ts)')
