import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { decodeConsentCookie } from '@consentry/shared'
import Cookies from 'js-cookie'
import { cleanPage, key, settle, start, type Started } from './testing/site'

let page: Started | null = null
const stored = () => decodeConsentCookie(Cookies.get('consentry'))

beforeEach(() => cleanPage())
afterEach(() => {
  page?.handle.destroy()
  page = null
  vi.unstubAllGlobals()
})

describe('first layer', () => {
  it('renders title, text, privacy-policy link and the three choices inside a shadow root', async () => {
    page = await start()
    expect(page.$('#cs-banner-title')?.textContent).toBe('We value your privacy')
    expect(page.$<HTMLAnchorElement>('.text a')?.href).toBe('https://shop.example/privacy')
    expect(page.$$('.actions button').map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Customize'])
    expect(document.body.firstElementChild?.tagName).toBe('CONSENTRY-BANNER')
  })

  it('EU-03: reject sits beside accept as the same element with the same classes', async () => {
    page = await start()
    const accept = page.$('[data-action=accept]')!
    const reject = page.$('[data-action=reject]')!
    expect(reject.tagName).toBe('BUTTON')
    expect(reject.tagName).toBe(accept.tagName)
    expect(reject.className).toBe(accept.className)
    expect(reject.parentElement).toBe(accept.parentElement)
  })

  it('A11Y-04: a non-modal bar is a labelled region', async () => {
    page = await start()
    const region = page.$('[role=region]')!
    expect(region.getAttribute('aria-labelledby')).toBe('cs-banner-title')
  })

  it('EU-07: Escape, scrolling and waiting grant nothing and store nothing', async () => {
    page = await start()
    key(page.$('[data-action=accept]')!, 'Escape')
    window.dispatchEvent(new Event('scroll'))
    expect(stored()).toBeNull()
    expect(page.handle.get().consent.categories).toEqual({ essential: true, functional: false, analytics: false, advertising: false })
    expect(page.$('[role=region]')).not.toBeNull()
  })

  it('Accept all stores every category granted, hides the layer and shows the reopen button', async () => {
    page = await start()
    await page.click('[data-action=accept]')
    expect(stored()?.method).toBe('accept_all')
    expect(stored()?.categories).toEqual({ functional: true, analytics: true, advertising: true })
    expect(page.$('[role=region]')).toBeNull()
    expect(page.$('[data-action=reopen]')).not.toBeNull()
    expect(page.$('[role=status]')?.textContent).toBe('Your choices have been saved.')
  })

  it('Reject all stores every category refused', async () => {
    page = await start()
    await page.click('[data-action=reject]')
    expect(stored()?.method).toBe('reject_all')
    expect(stored()?.categories).toEqual({ functional: false, analytics: false, advertising: false })
  })

  it('does not show again after a decision (the cookie is read back)', async () => {
    page = await start()
    await page.click('[data-action=reject]')
    page.handle.destroy()
    page = await start()
    expect(page.$('[role=region]')).toBeNull()
    expect(page.handle.get().state?.method).toBe('reject_all')
  })

  it('modal layout is a labelled modal dialog that Escape does not dismiss', async () => {
    page = await start({ appearance: { layout: 'modal' } })
    const dialog = page.$('[role=dialog]')!
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.getAttribute('aria-labelledby')).toBe('cs-banner-title')
    // The first layer lives in the light DOM: focus is the document's.
    expect(dialog.contains(document.activeElement)).toBe(true)
    key(dialog, 'Escape')
    await settle()
    expect(page.$('[role=dialog]')).not.toBeNull()
    expect(stored()).toBeNull()
  })
})

describe('preferences center', () => {
  it('A11Y-01, A11Y-02: opens as a modal dialog and takes focus', async () => {
    page = await start()
    page.$<HTMLElement>('[data-action=customize]')!.focus()
    await page.click('[data-action=customize]')
    const dialog = page.$('.prefs')!
    expect(dialog.getAttribute('role')).toBe('dialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(page.root.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Privacy preferences')
    expect(dialog.contains(page.root.activeElement)).toBe(true)
  })

  it('A11Y-01: the page behind an open dialog is inert, and only what the banner made inert is restored', async () => {
    const main = document.createElement('main')
    const already = document.createElement('aside')
    already.inert = true
    document.body.append(main, already)
    page = await start()
    await page.click('[data-action=customize]')
    expect(main.inert).toBe(true)
    key(page.$('.prefs')!, 'Escape')
    await settle()
    expect(main.inert).toBe(false)
    expect(already.inert).toBe(true)
  })

  it('EU-05, A11Y-06: optional switches start off in an opt-in regime; essential is on and locked', async () => {
    page = await start()
    await page.click('[data-action=customize]')
    const switches = page.$$('[data-category] > .row [role=switch]')
    expect(switches.map((s) => s.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false', 'false'])
    expect(switches[0]!.getAttribute('aria-disabled')).toBe('true')
    expect(switches.slice(1).every((s) => !s.hasAttribute('aria-disabled'))).toBe(true)
    expect(switches[1]!.textContent).toBe('Off')
    switches[0]!.click()
    await settle()
    expect(switches[0]!.getAttribute('aria-checked')).toBe('true')
  })

  it('A11Y-06: a switch has a name, toggles on activation and shows its state as text', async () => {
    page = await start()
    await page.click('[data-action=customize]')
    const analytics = page.$('[data-category=analytics] > .row [role=switch]')!
    expect(page.root.getElementById(analytics.getAttribute('aria-labelledby')!)?.textContent).toBe('Analytics')
    analytics.click()
    await settle()
    expect(analytics.getAttribute('aria-checked')).toBe('true')
    expect(analytics.textContent).toBe('On')
    // turning the category on turns its services on
    expect(page.$$('[data-category=analytics] .svc [role=switch]').map((s) => s.getAttribute('aria-checked'))).toEqual(['true', 'true'])
  })

  it('lists services with their own switches and each cookie with provider, purpose, lifetime and party (EU-09)', async () => {
    page = await start()
    await page.click('[data-action=customize]')
    const ga = page.$('[data-service=ga4]')!
    expect(ga.querySelector('h4')?.textContent).toBe('Google Analytics')
    const cells = [...ga.querySelectorAll('dd')].map((d) => d.textContent)
    expect(cells).toEqual(['_ga', 'Google Ireland Ltd', 'Distinguishes visitors', '1 year', 'First party'])
    expect(page.$('[data-service=meta-pixel] dd:last-of-type')).not.toBeNull()
  })

  it('Save choices stores exactly the picked categories and services', async () => {
    page = await start()
    await page.click('[data-action=customize]')
    await page.click('[data-service=ga4] [role=switch]')
    await page.click('[data-action=save]')
    const state = stored()!
    expect(state.method).toBe('custom')
    expect(state.services).toEqual({ ga4: true, hotjar: false, 'meta-pixel': false })
    // a category counts as granted only when all its services are (shared model)
    expect(state.categories).toEqual({ functional: false, analytics: false, advertising: false })
    expect(page.handle.has('ga4')).toBe(true)
    expect(page.handle.has('hotjar')).toBe(false)
    expect(page.$('.prefs')).toBeNull()
  })

  it('A11Y-03: Escape closes the preferences without granting anything and focus returns to Customize', async () => {
    page = await start()
    const customize = page.$<HTMLElement>('[data-action=customize]')!
    customize.focus()
    customize.click()
    await settle()
    await page.click('[data-category=analytics] > .row [role=switch]')
    key(page.$('.prefs')!, 'Escape')
    await settle()
    expect(page.$('.prefs')).toBeNull()
    expect(stored()).toBeNull()
    expect(page.$('[role=region]')).not.toBeNull()
    expect(document.activeElement).toBe(customize)
  })

  it('A11Y-02: Tab and Shift+Tab wrap inside the dialog', async () => {
    page = await start()
    await page.click('[data-action=customize]')
    const dialog = page.$('.prefs')!
    const close = page.$<HTMLElement>('[data-action=close]')!
    const save = page.$<HTMLElement>('[data-action=save]')!
    expect(page.root.activeElement).toBe(close)
    key(close, 'Tab', { shiftKey: true })
    expect(page.root.activeElement).toBe(save)
    key(save, 'Tab')
    expect(page.root.activeElement).toBe(close)
    expect(dialog.contains(page.root.activeElement)).toBe(true)
  })
})

describe('reopening and withdrawing', () => {
  it('EU-11: the reopen button opens the preferences; withdrawing takes as many clicks as accepting', async () => {
    page = await start()
    await page.click('[data-action=accept]') // 1 click to accept
    await page.click('[data-action=reopen]')
    await page.click('.prefs [data-action=reject]') // 2 clicks to withdraw
    expect(stored()?.method).toBe('withdraw')
    expect(stored()?.categories.analytics).toBe(false)
  })

  it('any element with data-consentry-open opens the preferences', async () => {
    const link = document.createElement('a')
    link.href = '#'
    link.dataset.consentryOpen = ''
    page = await start()
    document.body.append(link)
    link.click()
    await settle()
    expect(page.$('.prefs')).not.toBeNull()
    expect(link.getAttribute('aria-haspopup')).toBeNull() // added later: still works through delegation
  })
})
