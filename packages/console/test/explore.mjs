import { chromium } from 'playwright-core'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const dataDir = mkdtempSync(join(tmpdir(), 'cx-'))
const child = spawn(process.execPath, ['/work/wt/console/examples/demo/dist/server.js'], { cwd: '/work/wt/console', env: { ...process.env, PORT: '0', CONSENTRY_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] })
let out = ''
child.stdout.on('data', (d) => (out += d))
child.stderr.on('data', (d) => (out += d))
while (!/Press Ctrl-C/.test(out)) await new Promise((r) => setTimeout(r, 100))
console.log(out)
const link = /Console sign-in link\s+(\S+)/.exec(out)[1]
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
page.on('console', (m) => console.log('console:', m.type(), m.text()))
page.on('response', (r) => r.status() >= 400 && console.log('HTTP', r.status(), r.url()))
page.on('requestfailed', (r) => console.log('FAILED', r.url(), r.failure()?.errorText))
page.on('pageerror', (e) => console.log('pageerror', e.message))
await page.goto(link)
await page.getByRole('heading', { name: 'Sites' }).waitFor()
await page.getByRole('link', { name: 'Consentry demo news' }).click()
await page.waitForTimeout(3000)
await page.screenshot({ path: '/tmp/cx-config.png', fullPage: false })
const frame = page.frameLocator('iframe.preview-frame')
console.log('buttons:', await frame.getByRole('button').allInnerTexts())
await page.getByLabel('Layer', { exact: true }).selectOption('preferences')
await page.waitForTimeout(2500)
console.log('pref buttons:', (await frame.getByRole('button').allInnerTexts()).join(' | '))
await page.locator('.preview').screenshot({ path: '/tmp/cx-prefs.png' })
await browser.close()
child.kill()
