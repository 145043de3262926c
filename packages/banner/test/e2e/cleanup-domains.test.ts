// Withdrawal cleanup in real Chromium on a real multi-label host (www.shop.test mapped to 127.0.0.1): cookies a
// tag set on a parent domain or a deeper path are deleted; an HttpOnly one the server set is reported as left over.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { decodeConsentCookie } from '@consentry/shared'
import type { SiteConfigInput } from '@consentry/shared'
import { CHROMIUM_ARGS, launchChromium } from '../support/chromium'
import { startTestServer, type TestServer } from '../support/static-server'
import { SITE, consentCookie, inBanner, sitePage } from '../support/pages'

const HOST = 'www.shop.test'
const PATH = '/a/b/page'

const ga4 = SITE.services!.find((s) => s.id === 'ga4')!
const services: SiteConfigInput['services'] = [
  // The shared fixture's Google Analytics, declaring a second cookie the tag below sets on a deeper path.
  { ...ga4, storage: [...(ga4.storage ?? []), { name: '_gid', lifetime: 86_400, description: 'Distinguishes visitors per day', party: 'first' }] },
  {
    id: 'session-replay',
    name: 'Session replay',
    provider: 'Replay Ltd',
    category: 'analytics',
    purpose: 'Replays sessions.',
    privacyPolicyUrl: 'https://replay.example/privacy',
    storage: [{ name: '_replay_srv', lifetime: 1800, description: 'Server session', party: 'first', httpOnly: true }],
  },
]

// The tag sets one cookie on the parent domain at /, one host-only at /a/b; the page keeps itself from reloading
// on withdrawal (the cancelable consentry:reload) so the leftovers event stays observable.
const body = `<script type="text/plain" data-consentry-service="ga4">
document.cookie = '_ga=GA1.2.3; domain=.shop.test; path=/; max-age=86400';
document.cookie = '_gid=GA1.4.5; path=/a/b; max-age=86400';
window.__tagRan = true</script>
<script>window.__leftovers = [];
document.addEventListener('consentry:leftovers', function (e) { window.__leftovers.push.apply(window.__leftovers, e.detail.leftovers) });
document.addEventListener('consentry:reload', function (e) { e.preventDefault() })</script>`

let browser: Browser
let server: TestServer
let context: BrowserContext
let url: string

beforeAll(async () => {
  server = await startTestServer({
    routes: {
      [PATH]: (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': '_replay_srv=s1; Path=/; HttpOnly; Max-Age=86400' })
          .end(sitePage({ config: { services }, attrs: { 'data-country': 'DE' }, body })),
    },
  })
  url = `http://${HOST}:${new URL(server.url).port}${PATH}`
  browser = await launchChromium({ args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP *.shop.test 127.0.0.1`] })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})
afterEach(async () => {
  await context?.close()
})

const declared = async () =>
  (await context.cookies())
    .filter((c) => c.name !== 'consentry')
    .map((c) => `${c.name}@${c.domain}${c.path}`)
    .sort()

async function grant(): Promise<Page> {
  context = await browser.newContext()
  const tab = await context.newPage()
  await tab.goto(url)
  await inBanner(tab, '[data-action=accept]').click()
  await tab.waitForFunction(() => (window as unknown as { __tagRan?: boolean }).__tagRan === true)
  expect(await declared()).toEqual(['_ga@.shop.test/', '_gid@www.shop.test/a/b', '_replay_srv@www.shop.test/'])
  return tab
}

const leftovers = (tab: Page) => tab.evaluate(() => (window as unknown as { __leftovers: string[] }).__leftovers)

describe('withdrawal cleanup across parent domains and paths (Chromium)', () => {
  it('EU-12: Reject all through the reopen button deletes a parent-domain and a deeper-path cookie; the HttpOnly one is reported', async () => {
    const tab = await grant()
    await inBanner(tab, '[data-action=reopen]').click()
    await inBanner(tab, '.prefs [data-action=reject]').click()
    expect(decodeConsentCookie(await consentCookie(tab))?.method).toBe('withdraw')
    await expect.poll(() => leftovers(tab)).toEqual(['_replay_srv (HttpOnly)'])
    expect(await declared()).toEqual(['_replay_srv@www.shop.test/'])
  })

  it('EU-12: consentry.rejectAll() does the same cleanup', async () => {
    const tab = await grant()
    await tab.evaluate(() => (window as unknown as { consentry: { rejectAll(): void } }).consentry.rejectAll())
    await expect.poll(() => leftovers(tab)).toEqual(['_replay_srv (HttpOnly)'])
    expect(await declared()).toEqual(['_replay_srv@www.shop.test/'])
  })
})
