// The configuration form's fields for issue 17's parts (the sale statement, the Art. 27 representatives, regime rules)
// and the rest the form lacked, in real Chromium against the demo server: set through the form only, published, then
// read back through the admin API and the banner's own configuration.
import type { ConfigResponse, SiteConfig } from '@consentry/shared'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../banner/test/support/chromium'
import { startDemo, type RunningDemo } from '../../../examples/demo/test/start-demo'
import { axe, settled } from './support'

const DEMO_SITE = 'site_demo0001'

let demo: RunningDemo
let browser: Browser
let page: Page

beforeAll(async () => {
  demo = await startDemo({ command: 'server' })
  const link = /Console sign-in link\s+(\S+)/.exec(demo.output())![1]!
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  await page.goto(`${demo.origin}${link.slice(link.indexOf('/admin/'))}`)
  await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor()
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

/** The published configuration, through the admin API with the console's session. */
async function publishedConfig(): Promise<SiteConfig> {
  return page.evaluate(async (siteId) => {
    const site = (await (await fetch(`/v1/admin/sites/${siteId}`)).json()) as { publishedVersionId: string }
    return ((await (await fetch(`/v1/admin/sites/${siteId}/config-versions/${site.publishedVersionId}`)).json()) as { config: SiteConfig }).config
  }, DEMO_SITE)
}

/** What the banner is served for a visitor in `query`'s place (`country=US&region=CA`). */
async function bannerConfig(query: string): Promise<ConfigResponse> {
  return (await (await fetch(`${demo.origin}/v1/sites/${DEMO_SITE}/config?${query}`)).json()) as ConfigResponse
}

/** How many Do Not Sell controls the demo page's banner shows a Californian, once its first layer is up. */
async function doNotSellControls(): Promise<number> {
  const visitor = await browser.newContext()
  const site = await visitor.newPage()
  await site.goto(`${demo.origin}/site/?country=US&region=CA`)
  await site.locator('consentry-banner [data-action=reject]').waitFor()
  const count = await site.locator('consentry-banner [data-action=dns]').count()
  await visitor.close()
  return count
}

const form = () => page.locator('form.config-form')
const rule = (n: number) => form().getByRole('group', { name: `Rule ${n}`, exact: true })

describe('the configuration form', () => {
  it('sets the sale statement, the use of sensitive information, the representatives, regime rules and the other missing fields, and publishes them', async () => {
    expect(await doNotSellControls()).toBeGreaterThan(0)
    await page.goto(`${demo.origin}/admin/#/sites/${DEMO_SITE}/configuration`)
    await page.getByText('This is the published configuration.').waitFor()

    const sale = form().getByRole('group', { name: 'Does the site sell or share personal information?' })
    expect(await sale.getByRole('radio', { name: /^Yes/ }).isChecked()).toBe(true)
    await sale.getByRole('radio', { name: 'No', exact: true }).check()
    await form()
      .getByLabel(/^The site uses sensitive personal information/)
      .check()

    await form().getByLabel('EU representative', { exact: true }).fill('Rep EU B.V.')
    await form().getByLabel('EU representative’s contact', { exact: true }).fill('eu-rep@rep.example')
    await form().getByLabel('UK representative', { exact: true }).fill('Rep UK Ltd')
    await form().getByLabel('UK representative’s contact', { exact: true }).fill('[Contact form](https://rep.example/uk)')

    await form().getByRole('button', { name: 'Add a rule' }).click()
    await rule(1).getByLabel('Country or region').fill('CA')
    await rule(1).getByLabel('Regime').selectOption('opt_out')
    await form().getByRole('button', { name: 'Add a rule' }).click()
    await rule(2).getByLabel('Country or region').fill('ca-qc')
    await rule(2).getByLabel('Regime').selectOption('opt_in')

    await form().getByLabel('Show a notice with one OK button when no optional category is used').uncheck()
    const player = form().getByRole('group', { name: /: dv_player$/ })
    await player.getByLabel('Match').selectOption('prefix')
    await player.getByLabel('Domain').fill('.video.example')
    await player.getByLabel(/^HttpOnly/).check()

    await page.getByText('The API accepts this draft.').waitFor()
    expect(await axe(page)).toEqual([])
    await page.getByRole('link', { name: /^Publish/ }).click()
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText(/Published version 2/).waitFor()

    const config = await publishedConfig()
    expect(config.dataPractices).toEqual({ sellsOrShares: false, usesSensitiveInformation: true })
    expect(config.controller.representatives).toEqual({
      eu: { name: 'Rep EU B.V.', contact: 'eu-rep@rep.example' },
      uk: { name: 'Rep UK Ltd', contact: '[Contact form](https://rep.example/uk)' },
    })
    expect(config.jurisdiction.rules).toEqual({ CA: 'opt_out', 'CA-QC': 'opt_in' })
    expect(config.appearance.essentialOnlyNotice).toBe(false)
    expect(config.services.flatMap((s) => s.storage).find((c) => c.name === 'dv_player')).toMatchObject({
      match: 'prefix',
      domain: '.video.example',
      httpOnly: true,
    })

    // What visitors get: no Do Not Sell control in California but the sensitive-information limit, and the site's own rules in Canada.
    expect((await bannerConfig('country=US&region=CA')).jurisdiction).toMatchObject({ showDoNotSell: false, gpcMandated: true, showSensitiveLimit: true })
    expect(await doNotSellControls()).toBe(0)
    expect((await bannerConfig('country=CA&region=ON')).jurisdiction).toMatchObject({ regime: 'opt_out', source: 'site_rule' })
    expect((await bannerConfig('country=CA&region=QC')).jurisdiction).toMatchObject({ regime: 'opt_in', source: 'site_rule' })
  })

  it('shows the API’s words for a bad rule code beside it, keeps every other input, and removes a rule', async () => {
    await page.goto(`${demo.origin}/admin/#/sites/${DEMO_SITE}/configuration`)
    await page.getByText('This is the published configuration.').waitFor()
    await form().getByLabel('Site name shown to visitors').fill('Demo news (renamed)')
    await form().getByLabel('EU representative’s contact', { exact: true }).fill('[Write to us](https://rep.example/eu)')

    await form().getByRole('button', { name: 'Add a rule' }).click()
    const code = rule(3).getByLabel('Country or region')
    await code.fill('UK')
    const issue = rule(3).locator('.issue')
    await expect.poll(() => issue.textContent(), { timeout: 10_000 }).toBe('must start with an ISO 3166-1 country code')
    expect(await code.getAttribute('aria-invalid')).toBe('true')
    expect((await code.getAttribute('aria-describedby'))?.split(' ')).toContain(await issue.getAttribute('id'))
    await page.getByRole('alert').getByText('jurisdiction.rules.UK', { exact: true }).waitFor()
    expect(await axe(page)).toEqual([])

    // Nothing else typed is lost while the code is wrong.
    expect(await form().getByLabel('Site name shown to visitors').inputValue()).toBe('Demo news (renamed)')
    expect(await form().getByLabel('EU representative’s contact', { exact: true }).inputValue()).toBe('[Write to us](https://rep.example/eu)')
    expect(await rule(1).getByLabel('Country or region').inputValue()).toBe('CA')
    expect(await rule(2).getByLabel('Country or region').inputValue()).toBe('CA-QC')
    expect(await rule(2).getByLabel('Regime').inputValue()).toBe('opt_in')
    expect(await form().getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true)

    await code.fill('GB')
    await rule(3).getByLabel('Regime').selectOption('notice')
    await form().getByRole('button', { name: 'Remove rule CA', exact: true }).click()
    await page.getByText('The API accepts this draft.').waitFor()
    expect(await rule(1).getByLabel('Country or region').inputValue()).toBe('CA-QC')
    await page.getByRole('link', { name: /^Publish/ }).click()
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText(/Published version 3/).waitFor()
    const config = await publishedConfig()
    expect(config.name).toBe('Demo news (renamed)')
    expect(config.jurisdiction.rules).toEqual({ 'CA-QC': 'opt_in', GB: 'notice' })
    expect(config.controller.representatives.eu).toEqual({ name: 'Rep EU B.V.', contact: '[Write to us](https://rep.example/eu)' })
  })

  it('keeps a code typed twice on screen with a message naming it, with the keyboard alone', async () => {
    await page.goto(`${demo.origin}/admin/#/sites/${DEMO_SITE}/configuration`)
    await settled(page)
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[role=group]')?.getAttribute('aria-label'))
    await form().getByRole('button', { name: 'Add a rule' }).press('Enter')
    await expect.poll(focusedRow).toBe('Rule 3')
    await page.keyboard.type('gb')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Remove rule GB')
    const code = rule(3).getByLabel('Country or region')
    const issue = rule(3).locator('.issue')
    await expect.poll(() => issue.textContent()).toBe('GB already has a rule above')
    expect(await code.getAttribute('aria-invalid')).toBe('true')
    expect((await code.getAttribute('aria-describedby'))?.split(' ')).toContain(await issue.getAttribute('id'))
    await code.fill('GB-SCT')
    expect(await issue.count()).toBe(0)
    await page.getByText('The API accepts this draft.').waitFor()
    expect(await rule(2).getByLabel('Regime').inputValue()).toBe('notice')
    await form().getByRole('button', { name: 'Remove rule GB-SCT' }).press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add a rule')
    expect(
      await form()
        .getByRole('group', { name: /^Rule \d/ })
        .count(),
    ).toBe(2)
  })
})
