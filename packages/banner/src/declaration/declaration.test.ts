import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SiteConfigInput, Texts } from '@consentry/shared'
import { cleanPage, settle, start, type Started } from '../testing/site'

let page: Started | null = null
beforeEach(() => cleanPage())
afterEach(() => {
  page?.handle.destroy()
  page = null
})

const de = JSON.parse(readFileSync(join(import.meta.dirname, '../i18n/de.json'), 'utf8')) as Texts
const host = () => document.querySelector<HTMLElement>('[data-consentry-declaration]')!
const text = () => host().textContent ?? ''

const RICH: Partial<SiteConfigInput> = {
  controller: {
    name: 'Example Shop Ltd',
    contact: 'Write to [our privacy team](https://shop.example/contact) or privacy@shop.example',
    representatives: { eu: { name: 'EU Rep GmbH', contact: 'Berlin' }, uk: { name: 'UK Rep Ltd' } },
  },
  services: [
    {
      id: 'session',
      name: 'Session',
      provider: 'Example Shop Ltd',
      category: 'essential',
      purpose: 'Keeps you signed in.',
      justification: 'Needed for the sign-in you ask for.',
      privacyPolicyUrl: 'https://shop.example/privacy',
      storage: [{ name: 'sid', lifetime: 'session', description: 'Session id', party: 'first', httpOnly: true }],
    },
    {
      id: 'ga4',
      name: 'Google Analytics',
      provider: 'Google Ireland Ltd',
      category: 'analytics',
      purpose: 'Measures visits. Opt out with the [browser add-on](https://tools.google.com/dlpage/gaoptout).',
      privacyPolicyUrl: 'https://policies.google.com/privacy',
      storage: [
        { name: '_ga', lifetime: 34_164_000, description: 'Distinguishes visitors', party: 'first' },
        { name: '_ga_', match: 'prefix', kind: 'local_storage', lifetime: 86_400, description: 'Session state', party: 'first' },
      ],
    },
  ],
  categories: ['analytics'],
}

describe('cookie declaration', () => {
  it('renders in the light DOM: categories, services, providers, purposes, every cookie with lifetime and party', async () => {
    document.body.innerHTML = '<main><h1>Privacy</h1><div data-consentry-declaration></div></main>'
    page = await start(RICH)
    const section = host().querySelector('section.consentry-declaration')!
    expect(section.getAttribute('aria-label')).toBe('Cookie declaration')
    expect([...host().querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Your choice', 'Who is responsible', 'Essential', 'Analytics'])
    expect([...host().querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Session', 'Google Analytics'])
    const rows = [...host().querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))
    expect(rows).toEqual([
      ['sid', 'Cookie', 'Session', 'First party', 'Session id'],
      ['_ga', 'Cookie', '1 year', 'First party', 'Distinguishes visitors'],
      ['_ga_*', 'Local storage', '1 day', 'First party', 'Session state'],
    ])
    expect(host().querySelectorAll('th[scope=col]').length).toBe(10)
    expect(text()).toContain('Needed for the sign-in you ask for.')
    expect(text()).toContain('Google Ireland Ltd')
    expect(text()).toContain('EU Rep GmbH, Berlin')
    expect(text()).toContain('UK Rep Ltd')
    expect(host().querySelector('a[href="https://shop.example/privacy"]')).not.toBeNull()
    // No stylesheet of its own: it inherits the host page's fonts and colours.
    expect(host().querySelector('style')).toBeNull()
  })

  it('turns [label](https://…) into links and leaves hostile markup as text', async () => {
    document.body.innerHTML = '<div data-consentry-declaration></div>'
    page = await start({
      ...RICH,
      controller: { name: '<img src=x onerror=alert(1)>', contact: '[x](javascript:alert(1)) and [ok](https://ok.example)' },
    })
    const links = [...host().querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(links).toContain('https://ok.example')
    expect(links).toContain('https://tools.google.com/dlpage/gaoptout')
    expect(links.some((h) => h?.startsWith('javascript'))).toBe(false)
    expect(host().querySelector('img')).toBeNull()
    expect(text()).toContain('<img src=x onerror=alert(1)>')
    expect(text()).toContain('[x](javascript:alert(1))')
  })

  it('shows the visitor\'s choice and consent id, updates it in place, and "change" opens the preferences', async () => {
    document.body.innerHTML = '<div data-consentry-declaration data-consentry-heading="3"></div>'
    page = await start(RICH)
    expect(host().querySelector('h3')?.textContent).toBe('Your choice')
    expect(text()).toContain('You have not made a choice yet.')
    const button = host().querySelector<HTMLButtonElement>('button[data-action=change]')!
    page.handle.acceptAll()
    await settle()
    expect(text()).toContain('Analytics: Allowed')
    expect(text()).toContain(page.handle.get().state!.visitorId)
    expect(host().querySelector('button[data-action=change]')).toBe(button) // the button survives, so focus can return to it
    page.handle.rejectAll()
    await settle()
    expect(text()).toContain('Analytics: Refused')
    button.click()
    await settle()
    await new Promise((r) => setTimeout(r, 20))
    expect(page.$('.prefs')).not.toBeNull()
  })

  it("speaks the visitor's language (German) with the site's overrides on top", async () => {
    document.documentElement.lang = 'de'
    document.body.innerHTML = '<div data-consentry-declaration></div>'
    page = await start(RICH, { locale: 'de', texts: { de: { ...de, 'declaration.yourChoice': 'Ihre Cookie-Wahl' } } })
    expect(host().querySelector('section')?.getAttribute('lang')).toBe('de')
    expect(host().querySelector('section')?.getAttribute('aria-label')).toBe('Cookie-Erklärung')
    expect(host().querySelector('h2')?.textContent).toBe('Ihre Cookie-Wahl')
    expect(text()).toContain('Lokaler Speicher')
    expect(text()).toContain(de['declaration.noChoice'])
  })

  it('is not loaded on a page without the element, and is removed on destroy', async () => {
    page = await start(RICH)
    expect(document.querySelector('.consentry-declaration')).toBeNull()
    page.handle.destroy()
    document.body.innerHTML = '<div data-consentry-declaration></div>'
    page = await start(RICH)
    expect(host().children.length).toBe(1)
    page.handle.destroy()
    page = null
    expect(host().children.length).toBe(0)
  })
})

describe('preferences center: contact and representatives', () => {
  it("shows the controller's contact and EU/UK representatives, links as links, hostile markup as text", async () => {
    page = await start({
      ...RICH,
      controller: { ...RICH.controller!, contact: '<b>x</b> [write to us](https://shop.example/contact) [bad](javascript:alert(1))' },
    })
    page.handle.showPreferences()
    await new Promise((r) => setTimeout(r, 20))
    const info = page.$('.prefs dl.controller')!
    expect([...info.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Contact', 'Representative in the EU', 'Representative in the UK'])
    expect([...info.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/contact'])
    expect(info.querySelector('b')).toBeNull()
    expect(info.textContent).toContain('[bad](javascript:alert(1))')
    expect(info.textContent).toContain('EU Rep GmbH, Berlin')
  })
})

describe('sale-free sites', () => {
  it('show no Do Not Sell control in the first layer, hide DNS links, and still honour and show GPC', async () => {
    document.body.innerHTML = '<footer><a href="#" data-consentry-dns>Do Not Sell or Share My Personal Information</a></footer>'
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })
    try {
      page = await start({ dataPractices: { sellsOrShares: false } }, { country: 'US', region: 'CA' })
      expect(page.$('[data-action=dns]')).toBeNull()
      expect(document.querySelector<HTMLElement>('[data-consentry-dns]')!.hidden).toBe(true)
      const { consent, state, jurisdiction } = page.handle.get()
      expect(jurisdiction).toMatchObject({ usPrivacy: true, showDoNotSell: false })
      expect(consent.gpcHonoured).toBe(true)
      expect(state?.method).toBe('gpc')
      expect(page.$('.gpc[role=status]')?.textContent).toBeTruthy()
      page.handle.showDoNotSell()
      await new Promise((r) => setTimeout(r, 20))
      expect(page.$('.dns .title')?.textContent).toContain('We do not sell or share')
      expect(page.$('.dns [role=switch]')).toBeNull()
    } finally {
      Reflect.deleteProperty(navigator, 'globalPrivacyControl')
    }
  })

  it('a site that sells keeps the control and its links', async () => {
    document.body.innerHTML = '<a href="#" data-consentry-dns>Do Not Sell</a>'
    page = await start({}, { country: 'US', region: 'CA' })
    expect(page.$('[data-action=dns]')).not.toBeNull()
    expect(document.querySelector<HTMLElement>('[data-consentry-dns]')!.hidden).toBe(false)
  })
})
