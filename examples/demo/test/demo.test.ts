import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../../packages/banner/test/support/chromium'
import { startDemo, type RunningDemo } from './start-demo'
import { createHash } from 'node:crypto'
import { createSigner, generateSigningKey, signBatch } from '../../../packages/api/src/records/signing'

let demo: RunningDemo
let browser: Browser

beforeAll(async () => {
  demo = await startDemo()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

interface Visit {
  context: BrowserContext
  page: Page
}

/** A fresh visitor: new context (no cookies, no storage), optionally with a simulated location and GPC. */
async function visit(path: string): Promise<Visit> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(demo.origin + path)
  await page.locator('consentry-banner').waitFor({ state: 'attached' })
  expect(errors).toEqual([])
  return { context, page }
}

/** The visitor id, read from the consent cookie (`1.<visitorId>.…`), which every page shares. */
async function visitorId(context: BrowserContext): Promise<string | undefined> {
  const cookie = (await context.cookies()).find((c) => c.name === 'consentry')
  return cookie ? decodeURIComponent(cookie.value).split('.')[1] : undefined
}

async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).sort()
}

const tagRuns = (page: Page) => page.evaluate(() => ({ ...((window as any).__demoTagRuns ?? {}) }) as Record<string, number>)

async function records(page: Page): Promise<{ method: string; categories: Record<string, boolean>; doNotSell: boolean; gpc: boolean }[]> {
  const id = await visitorId(page.context())
  if (!id) return []
  const res = await fetch(`${demo.origin}/v1/consents?siteId=site_demo0001&visitorId=${id}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { records: any[] }).records
}

/** Records are delivered asynchronously: wait until the API holds `count` of them. */
async function waitForRecords(page: Page, count: number) {
  for (let i = 0; i < 50; i++) {
    const list = await records(page)
    if (list.length >= count) return list
    await page.waitForTimeout(100)
  }
  return records(page)
}

const TRACKING_COOKIES = ['_da_id', '_dads_uid', 'dv_player']

describe('the demo started with npm start', () => {
  it('prints the URLs, the demo site id and an admin key that works', async () => {
    expect(demo.output()).toMatch(/Demo site id\s+site_demo0001/)
    const res = await fetch(`${demo.origin}/v1/admin/sites/site_demo0001`, { headers: { authorization: `Bearer ${demo.adminKey}` } })
    expect(res.status).toBe(200)
  })

  it('EU-01: publisher page, opt-in: nothing tracks before a choice, and Reject all keeps it that way', async () => {
    const { context, page } = await visit('/site/')
    await expect.poll(() => page.getByRole('button', { name: 'Reject all' }).isVisible()).toBe(true)
    expect(await tagRuns(page)).toEqual({})
    expect((await cookieNames(context)).filter((n) => TRACKING_COOKIES.includes(n))).toEqual([])
    expect(await page.locator('iframe.video').getAttribute('src')).toBeNull()

    await page.getByRole('button', { name: 'Reject all' }).click()
    const list = await waitForRecords(page, 1)
    expect(list.map((r) => r.method)).toEqual(['reject_all'])
    expect(list[0]!.categories).toMatchObject({ functional: false, analytics: false, advertising: false })
    await page.reload()
    await page.locator('consentry-banner').waitFor({ state: 'attached' })
    expect(await page.getByRole('button', { name: 'Reject all' }).isVisible()).toBe(false)
    expect(await tagRuns(page)).toEqual({})
    expect((await cookieNames(context)).filter((n) => TRACKING_COOKIES.includes(n))).toEqual([])
    await context.close()
  })

  it('publisher page: Accept all runs each tag exactly once, loads the video and is recorded', async () => {
    const { context, page } = await visit('/site/')
    await page.getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => tagRuns(page)).toEqual({ analytics: 1, ads: 1 })
    await expect.poll(() => page.locator('iframe.video').getAttribute('src')).toBe('/site/video-player.html')
    expect(await cookieNames(context)).toEqual(expect.arrayContaining(['_da_id', '_dads_uid']))
    expect((await waitForRecords(page, 1)).map((r) => r.method)).toEqual(['accept_all'])
    await context.close()
  })

  it('EU-08: Customize grants one category only', async () => {
    const { context, page } = await visit('/site/')
    await page.getByRole('button', { name: 'Customize' }).click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByRole('switch', { name: /Analytics/ })
      .first()
      .click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await expect.poll(() => tagRuns(page)).toEqual({ analytics: 1 })
    const [record] = await waitForRecords(page, 1)
    expect(record).toMatchObject({ method: 'custom', categories: { analytics: true, advertising: false, functional: false } })
    await context.close()
  })

  it('EU-12: withdrawing from the footer link deletes the tracking cookies and is a new record', async () => {
    const { context, page } = await visit('/site/')
    await page.getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(async () => (await cookieNames(context)).filter((n) => n === '_da_id' || n === '_dads_uid')).toHaveLength(2)
    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reject all' }).click()
    await expect.poll(async () => (await cookieNames(context)).filter((n) => n === '_da_id' || n === '_dads_uid')).toEqual([])
    const list = await waitForRecords(page, 2)
    expect(list).toHaveLength(2)
    expect(list[1]!.categories).toMatchObject({ analytics: false, advertising: false })
    await page.reload()
    await page.locator('consentry-banner').waitFor({ state: 'attached' })
    expect(await tagRuns(page)).toEqual({})
    await context.close()
  })

  it('CA-03: seen from California, "Do Not Sell or Share" stops the ad tag, deletes its cookie and is recorded', async () => {
    const { context, page } = await visit('/site/?country=US&region=CA')
    // Opt-out rules: the tags run until the visitor opts out.
    await expect.poll(() => tagRuns(page)).toEqual({ analytics: 1, ads: 1 })
    await page.locator('consentry-banner').getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('switch', { name: 'Opt out of sale and sharing' }).click()
    await dialog.getByRole('button', { name: 'Confirm choice' }).click()
    await expect.poll(() => cookieNames(context)).not.toContain('_dads_uid')
    const list = await waitForRecords(page, 1)
    expect(list.at(-1)).toMatchObject({ method: 'dns_link', doNotSell: true })
    await page.reload()
    await page.locator('consentry-banner').waitFor({ state: 'attached' })
    expect((await tagRuns(page)).ads).toBeUndefined()
    expect(await cookieNames(context)).not.toContain('_dads_uid')
    await context.close()
  })

  it('GPC-03/06: California with GPC: the ad tag never runs, the opt-out is shown and recorded without asking', async () => {
    await fetch(`${demo.origin}/demo/collected`, { method: 'DELETE' })
    const { context, page } = await visit('/site/?country=US&region=CA&gpc=1')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Opt-out request honored' }).count()).toBeGreaterThan(0)
    expect((await tagRuns(page)).ads).toBeUndefined()
    expect(await cookieNames(context)).not.toContain('_dads_uid')
    const list = await waitForRecords(page, 1)
    expect(list[0]).toMatchObject({ method: 'gpc', gpc: true, doNotSell: true })
    // The analytics tag may run (opt-out rules); the ad tag must never have sent anything.
    const beacons = (await (await fetch(`${demo.origin}/demo/collected`)).json()) as { beacons: { tag: string }[] }
    expect(beacons.beacons.map((b) => b.tag)).not.toContain('ads')
    await context.close()
  })

  it("ca-b2b: the privacy page renders the Canadian B2B site's cookie declaration; Quebec is asked first, nothing is for sale", async () => {
    const { context, page } = await visit('/site/ca-b2b/privacy.html?country=CA&region=QC')
    const declaration = page.locator('[data-consentry-declaration] section.consentry-declaration')
    await declaration.waitFor()
    const text = (await declaration.textContent()) ?? ''
    for (const expected of ['Customer portal session', 'nw_session', 'Plausible Analytics', 'Northwind Logistics B.V.', 'Privacy Officer'])
      expect(text).toContain(expected)
    expect(await page.locator('[data-consentry-declaration] a[href="https://tools.google.com/dlpage/gaoptout"]').count()).toBe(1)
    // Quebec: opt-in, so the first layer asks; the site sells nothing, so no Do Not Sell control anywhere.
    await page.locator('consentry-banner [data-action=reject]').waitFor()
    expect(await page.locator('consentry-banner [data-action=dns]').count()).toBe(0)
    expect(await page.evaluate(() => (window as any).consentry.get().jurisdiction)).toMatchObject({ ruleset: 'quebec', regime: 'opt_in' })
    await page.locator('[data-consentry-declaration] button[data-action=change]').click()
    await page.locator('consentry-banner .prefs [data-action=reject]').click()
    await page.locator('.consentry-declaration-choice code').waitFor()
    expect(await page.locator('.consentry-declaration-choice').textContent()).toContain('Analytics: Refused')
    await context.close()
    const ontario = await visit('/site/ca-b2b/privacy.html?country=CA&region=ON')
    await ontario.page.locator('[data-consentry-declaration] section').waitFor()
    expect(await ontario.page.evaluate(() => (window as any).consentry.get().jurisdiction)).toMatchObject({ ruleset: 'canada', regime: 'opt_out' })
    await ontario.context.close()
  })

  it('single-page app: the chat widget mounts once functional is granted, without a reload', async () => {
    const { context, page } = await visit('/site/spa/#/support')
    await expect.poll(() => page.locator('#chat-slot').textContent()).toContain('loads once you allow')
    await page.getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => page.getByRole('region', { name: 'Support chat' }).isVisible()).toBe(true)
    const [record] = await waitForRecords(page, 1)
    expect(record).toMatchObject({ method: 'accept_all', categories: { functional: true } })
    expect(await page.evaluate(() => localStorage.getItem('demo_chat_id'))).toMatch(/^[0-9a-z]+$/)
    // Withdrawing from the app's own settings button removes what the chat stored (declared as demo-chat).
    await page.getByRole('button', { name: 'Open cookie settings' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reject all' }).click()
    await expect.poll(() => page.evaluate(() => localStorage.getItem('demo_chat_id'))).toBeNull()
    expect((await waitForRecords(page, 2)).map((r) => r.method)).toEqual(['accept_all', 'withdraw'])
    await context.close()
  })

  it('REC-05: the consent inspector shows what ran and each record with its signature checked in the browser', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${demo.origin}/site/inspector.html`)
    const frame = page.frameLocator('#page')
    await frame.getByRole('button', { name: 'Accept all' }).click()
    const panel = page.locator('#panel')
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain('signature valid')
    const text = await panel.innerText()
    expect(text).toMatch(/analytics\s+ran 1×/)
    expect(text).toMatch(/ads\s+ran 1×/)
    expect(text).toContain('_da_id')
    expect(text).toContain('accept_all')
    expect(text).not.toContain('signature INVALID')
    await context.close()
  })

  it('REC-05: receipt-verify.js checks receipts in the browser as the API does, and refuses a changed proof', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${demo.origin}/site/inspector.html`)
    // A batch of 9 signed by the API's own code (a live batch's size depends on timing), and live receipts.
    const signer = createSigner(generateSigningKey())
    const hashes = Array.from({ length: 9 }, (_, i) => createHash('sha256').update(`record ${i}`).digest('hex'))
    const batch = (await signBatch(signer, hashes)).map((r, i) => ({ hash: hashes[i]!, ...r }))
    await signer.close()
    const checks = await page.evaluate(
      async ({ batch, jwk }) => {
        const verify = (window as any).consentryVerifyReceipt as (r: unknown, jwk: unknown) => Promise<boolean | null>
        const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1)
        const config = await (await fetch('/v1/sites/site_demo0001/config')).json()
        const { keys } = await (await fetch('/v1/keys')).json()
        const hex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0')).join('')
        const live = await Promise.all(
          Array.from({ length: 6 }, async () => {
            const body = {
              siteId: 'site_demo0001',
              visitorId: hex(16),
              idempotencyKey: `e2e_${hex(12)}`,
              method: 'reject_all',
              categories: { functional: false, analytics: false, advertising: false },
              services: {},
              doNotSell: false,
              gpc: false,
              policyRevision: config.config.policy.revision,
              configVersionId: config.versionId,
              locale: 'en',
              jurisdiction: 'DE',
              bannerVersion: '0.1.0',
              pageUrl: location.href,
              decidedAt: Date.now(),
            }
            return (await fetch('/v1/consents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()
          }),
        )
        const liveKey = keys.find((k: { keyId: string }) => k.keyId === live[0].keyId)?.jwk
        const deep = batch[6]!
        return {
          batch: await Promise.all(batch.map((r) => verify(r, jwk))),
          live: await Promise.all(live.map((r) => verify(r, liveKey))),
          otherKey: await verify(batch[0], liveKey),
          changedSibling: await verify({ ...deep, proof: { ...deep.proof, path: [flip(deep.proof.path[0]!), ...deep.proof.path.slice(1)] } }, jwk),
          changedTopSibling: await verify({ ...deep, proof: { ...deep.proof, path: [...deep.proof.path.slice(0, -1), flip(deep.proof.path.at(-1)!)] } }, jwk),
          otherPosition: await verify({ ...deep, proof: { ...deep.proof, leafIndex: 5 } }, jwk),
          otherHash: await verify({ ...deep, hash: flip(deep.hash) }, jwk),
          otherSize: await verify({ ...deep, proof: { ...deep.proof, treeSize: 10 } }, jwk),
          pathLength: deep.proof.path.length,
        }
      },
      { batch, jwk: { kty: 'OKP', crv: 'Ed25519', x: signer.publicKey } },
    )
    expect(checks.pathLength).toBeGreaterThan(1)
    expect(checks.batch).toEqual(Array(9).fill(true))
    expect(checks.live).toEqual(Array(6).fill(true))
    expect(checks).toMatchObject({ otherKey: false, changedSibling: false, changedTopSibling: false, otherPosition: false, otherHash: false, otherSize: false })
    await context.close()
  })
})
