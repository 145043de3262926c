// Saves the screenshots shown in docs/banner.md: the first layer and the preferences center (Chromium, 1280×800 and 390×844)
// to docs/screenshots/. Run after scripts/build.mjs: `node packages/banner/scripts/screenshots.mjs`.
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const out = resolve(root, '../../docs/screenshots')
mkdirSync(out, { recursive: true })
const { chromium } = createRequire(join(root, 'package.json'))('playwright-core')
const config = JSON.parse(readFileSync(resolve(root, '../../examples/configs/eu-b2b.json'), 'utf8'))
config.defaultLocale = 'en'

const page = (appearance) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Industrial</title><style>body{font:18px/1.6 Georgia,serif;margin:0;background:#f4f1ea;color:#222}header{background:#0f4c81;color:#fff;padding:1rem 2rem}main{padding:2rem;max-width:48rem}</style></head>
<body><header><strong>Acme Industrial</strong></header><main><h1>Precision parts since 1962</h1><p>${'Industrial components for demanding applications. '.repeat(12)}</p></main>
<script type="application/json" data-consentry-config>${JSON.stringify({ ...config, appearance: { ...config.appearance, ...appearance } })}</script>
<script src="/consentry.js"></script></body></html>`

const server = createServer((req, res) => {
  // The core and the chunks it loads from beside itself.
  if (/^\/consentry(-[a-z]+)?\.js$/.test(req.url ?? ''))
    return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(root, 'dist', req.url)))
  const appearance = req.url === '/dark' ? { layout: 'bar', theme: 'dark' } : { layout: 'box', theme: 'light' }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(appearance))
})
await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
const base = `http://127.0.0.1:${server.address().port}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // The flags every Consentry launcher uses (the scanner's list).
  args: createRequire(import.meta.url)('../../scanner/src/browser/chromium-args.json'),
})

async function shoot(path, viewport, name, open) {
  const tab = await browser.newPage({ viewport, reducedMotion: 'reduce' })
  await tab.goto(base + path)
  await tab.locator('consentry-banner [data-action=accept]').first().waitFor()
  if (open) {
    await tab.locator('consentry-banner [data-action=customize]').click()
    await tab.locator('consentry-banner .prefs').waitFor()
    await tab.evaluate(() => {
      const root = document.querySelector('consentry-banner').shadowRoot
      root.querySelector('[data-category=analytics] details')?.setAttribute('open', '')
    })
  }
  await tab.screenshot({ path: join(out, name) })
  await tab.close()
  console.log(`docs/screenshots/${name}`)
}

await shoot('/', { width: 1280, height: 800 }, 'first-layer.png', false)
await shoot('/dark', { width: 1280, height: 800 }, 'first-layer-bar-dark.png', false)
await shoot('/', { width: 1280, height: 800 }, 'preferences.png', true)
await shoot('/', { width: 390, height: 844 }, 'preferences-mobile.png', true)
await browser.close()
server.close()
