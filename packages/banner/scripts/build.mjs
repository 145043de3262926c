// Builds the script-tag bundle: dist/consentry.js, the core every first view needs (IIFE, its CSS inside as a
// string), and the chunks it loads from beside itself on first need: consentry-panels.js (the dialogs, their CSS and
// Preact), consentry-config.js (inline configuration's guards and jurisdiction rules), consentry-us.js (the GPP/USP
// encoders, US jurisdictions only), consentry-cleanup.js (withdrawal cleanup), consentry-delivery.js (the consent
// record outbox), consentry-embeds.js (click-to-load frames), consentry-texts.js (English for the opt-out, notice
// and essential-only first layers) and consentry-declaration.js (the cookie declaration, pages with
// [data-consentry-declaration] only). Also dist/i18n/<locale>.json and dist/meta.json
// (esbuild metafile, the core first). esbuild bundles and minifies; terser then compresses once more (measured:
// 0.4 KB gzip off the core). Prints gzip and brotli sizes.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { minify } from 'terser'

const root = resolve(import.meta.dirname, '..')
const dist = join(root, 'dist')
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
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
const CHUNKS = ['panels', 'config', 'us', 'cleanup', 'delivery', 'embeds', 'texts', 'declaration']

/**
 * esbuild, then terser's compressor and mangler over the written file. For the core (no Preact, no `new` on any
 * function expression or object method, the one assumption of `unsafe_arrows`/`unsafe_methods`) two more
 * rewrites apply; the chunks get the safe options.
 */
async function bundle(entry, outfile, { core = false } = {}) {
  const result = await build({ ...common, entryPoints: [entry], outfile })
  const compress = { passes: 2, unsafe_arrows: core, unsafe_methods: core }
  const { code } = await minify(readFileSync(outfile, 'utf8'), { ecma: 2020, compress, mangle: true })
  writeFileSync(outfile, eagerIife(code))
  return result
}

/**
 * The IIFE as a parenthesized `function` expression rather than an arrow: V8 compiles a parenthesized `function`
 * at once, in the same pass as the rest of the script (off the main thread when Chromium streams it), while an arrow
 * IIFE is pre-parsed and then, when it runs, parsed again in full on the main thread, inside the script's own task.
 * The bundle uses neither `this` nor `arguments` at its top level, where the two differ.
 */
function eagerIife(code) {
  const arrow = '"use strict";(()=>{'
  return code.startsWith(arrow) ? `"use strict";(function(){${code.slice(arrow.length)}` : code
}

const core = await bundle(join(root, 'src/global.ts'), join(dist, 'consentry.js'), { core: true })
const chunks = await Promise.all(CHUNKS.map((name) => bundle(join(root, `src/chunks/${name}.ts`), join(dist, `consentry-${name}.js`))))
const metas = [core, ...chunks].map((r) => r.metafile)
writeFileSync(
  join(dist, 'meta.json'),
  JSON.stringify({ inputs: Object.assign({}, ...metas.map((m) => m.inputs)), outputs: Object.assign({}, ...metas.map((m) => m.outputs)) }),
)

for (const file of readdirSync(join(root, 'src/i18n'))) {
  if (file.endsWith('.json')) copyFileSync(join(root, 'src/i18n', file), join(dist, 'i18n', file))
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`
for (const file of ['consentry.js', ...CHUNKS.map((name) => `consentry-${name}.js`)]) {
  const s = sizes(readFileSync(join(dist, file)))
  console.log(`banner: dist/${file} ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`)
}
console.log('banner: a first view downloads dist/consentry.js only (budget in test/e2e/size.test.ts)')
