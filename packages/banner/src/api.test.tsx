import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { decodeConsentCookie } from '@consentry/shared'
import Cookies from 'js-cookie'
import { cleanPage, SITE, settle, start, type Started } from './testing/site'

let page: Started | null = null
const stored = () => decodeConsentCookie(Cookies.get('consentry'))

beforeEach(() => cleanPage())
afterEach(() => {
  page?.handle.destroy()
  page = null
  Reflect.deleteProperty(navigator, 'globalPrivacyControl')
  vi.unstubAllGlobals()
})

describe('JavaScript API', () => {
  it('get() and has() report the regime defaults before any decision, per category and per service', async () => {
    page = await start()
    const { consent, state, jurisdiction } = page.handle.get()
    expect(state).toBeNull()
    expect(jurisdiction.regime).toBe('opt_in') // no location given: strictest
    expect(consent.decided).toBe(false)
    expect(page.handle.has('essential')).toBe(true)
    expect(page.handle.has('analytics')).toBe(false)
    expect(page.handle.has('ga4')).toBe(false)
    expect(page.handle.has('unknown-service')).toBe(false)
  })

  it('acceptAll() grants everything, fires change and decision listeners and document events', async () => {
    page = await start()
    const changes: string[] = []
    const decisions: string[] = []
    const domEvents: string[] = []
    page.handle.on('change', (_s, cause) => changes.push(cause))
    page.handle.on('decision', (state) => decisions.push(state.method))
    const onDom = (e: Event) => domEvents.push(e.type)
    document.addEventListener('consentry:change', onDom)
    document.addEventListener('consentry:decision', onDom)
    page.handle.acceptAll()
    document.removeEventListener('consentry:change', onDom)
    document.removeEventListener('consentry:decision', onDom)
    expect(changes).toEqual(['decision'])
    expect(decisions).toEqual(['accept_all'])
    expect(domEvents).toEqual(['consentry:change', 'consentry:decision'])
    expect(page.handle.has('meta-pixel')).toBe(true)
  })

  it('on() returns an unsubscribe function', async () => {
    page = await start()
    const fn = vi.fn()
    const off = page.handle.on('change', fn)
    off()
    page.handle.rejectAll()
    expect(fn).not.toHaveBeenCalled()
  })

  it('whenGranted() resolves only once the category is granted', async () => {
    page = await start()
    let resolved = false
    const waiting = page.handle.whenGranted('analytics').then(() => (resolved = true))
    page.handle.rejectAll()
    await settle()
    expect(resolved).toBe(false)
    page.handle.set({ categories: { analytics: true } })
    await waiting
    expect(resolved).toBe(true)
    await expect(page.handle.whenGranted('essential')).resolves.toBeUndefined()
  })

  it('set() records method api and keeps unspecified categories as they were', async () => {
    page = await start()
    page.handle.acceptAll()
    page.handle.set({ categories: { advertising: false } })
    expect(stored()?.method).toBe('api')
    expect(stored()?.categories).toEqual({ functional: true, analytics: true, advertising: false })
  })

  it('setDoNotSell() opts out of sale and sharing without touching other categories', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    page.handle.setDoNotSell(true)
    expect(stored()?.doNotSell).toBe(true)
    expect(page.handle.get().consent.saleOptOut).toBe(true)
    expect(page.handle.has('analytics')).toBe(true) // opt-out regime: still allowed
    expect(page.handle.has('advertising')).toBe(false)
  })

  it('show(), showPreferences(), hide() drive the view and fire show/hide', async () => {
    page = await start()
    page.handle.rejectAll()
    await settle()
    const seen: string[] = []
    page.handle.on('show', (v) => seen.push(`show:${v}`))
    page.handle.on('hide', (v) => seen.push(`hide:${v}`))
    page.handle.show()
    await settle()
    expect(page.$('[role=region]')).not.toBeNull()
    page.handle.showPreferences()
    await settle()
    expect(page.$('.prefs')).not.toBeNull()
    page.handle.hide()
    await settle()
    expect(page.$('.prefs')).toBeNull()
    expect(seen).toEqual(['show:banner', 'show:preferences', 'hide:banner', 'hide:preferences'])
    expect(stored()?.method).toBe('reject_all') // hiding decides nothing
  })

  it('whenGranted(serviceId) resolves once set() grants only that service, while its category stays refused', async () => {
    page = await start()
    let ga4 = false
    let hotjar = false
    const waiting = page.handle.whenGranted('ga4').then(() => (ga4 = true))
    void page.handle.whenGranted('hotjar').then(() => (hotjar = true))
    page.handle.set({ categories: { functional: true } })
    await settle()
    expect(ga4).toBe(false)
    page.handle.set({ services: { ga4: true } })
    await waiting
    await settle()
    expect(ga4).toBe(true)
    expect(hotjar).toBe(false)
    expect(page.handle.has('analytics')).toBe(false)
  })

  it('set() with categories, services and doNotSell records method api with exactly those values', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    page = await start({}, { country: 'US', region: 'CA', api: 'https://consent.example' })
    page.handle.set({ categories: { functional: true, analytics: true, advertising: false }, services: { hotjar: true, 'meta-pixel': false }, doNotSell: true })
    expect(stored()).toMatchObject({
      method: 'api',
      categories: { functional: true, analytics: true, advertising: false },
      services: { ga4: true, hotjar: true, 'meta-pixel': false },
      doNotSell: true,
    })
    expect(page.handle.get().consent.saleOptOut).toBe(true)
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled())
    const posted = JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string) as Record<string, unknown>
    expect(posted).toMatchObject({
      method: 'api',
      categories: { essential: true, functional: true, analytics: true, advertising: false },
      services: { ga4: true, hotjar: true, 'meta-pixel': false },
      doNotSell: true,
    })
  })

  it('setDoNotSell(false) after setDoNotSell(true) clears the opt-out and lets advertising run again', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    page.handle.setDoNotSell(true)
    expect(page.handle.has('meta-pixel')).toBe(false)
    page.handle.setDoNotSell(false)
    expect(stored()).toMatchObject({ method: 'api', doNotSell: false })
    expect(page.handle.get().consent.saleOptOut).toBe(false)
    expect(page.handle.has('advertising')).toBe(true)
    expect(page.handle.has('meta-pixel')).toBe(true)
  })

  it('showDoNotSell() opens the Do Not Sell dialog under a US jurisdiction', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    expect(page.$('.dns')).toBeNull()
    page.handle.showDoNotSell()
    await settle()
    const dialog = page.$('.dns')
    expect(dialog?.getAttribute('role')).toBe('dialog')
    expect(dialog?.querySelector('[role=switch]')).not.toBeNull()
    expect(stored()).toBeNull() // opening decides nothing
  })

  it('the Do Not Sell dialog names targeted advertising only where the site offers an advertising category', async () => {
    const description = async (config: Parameters<typeof start>[0]) => {
      page = await start(config, { country: 'US', region: 'CA' })
      page.handle.showDoNotSell()
      await settle()
      const text = page.$('#cs-dns-desc')?.textContent ?? ''
      page.handle.destroy()
      page = null
      cleanPage()
      return text
    }
    expect(await description({})).toContain('targeted advertising')
    const noAds = await description({ categories: ['functional', 'analytics'], services: (SITE.services ?? []).filter((s) => s.category !== 'advertising') })
    expect(noAds).toContain('sale or sharing of your personal information')
    expect(noAds).not.toMatch(/advertising/i)
  })

  describe('US-02: "Limit the Use of My Sensitive Personal Information" (a site that uses sensitive information)', () => {
    const SENSITIVE = { dataPractices: { usesSensitiveInformation: true } }
    const limitSwitch = () => page!.$('.dns [role=switch][aria-labelledby=cs-limit-label]')
    const saleSwitch = () => page!.$('.dns [role=switch][aria-labelledby=cs-dns-label]')
    const usca = (field: string) => {
      let out: unknown
      const w = window as unknown as { __gpp: (command: string, cb: (data: unknown) => void, parameter: string) => void }
      w.__gpp('getField', (data) => (out = data), `usca.${field}`)
      return out
    }

    it('in California: the first layer links the dialog, whose own switch limits it; recorded, and sent in GPP usca', async () => {
      page = await start(SENSITIVE, { country: 'US', region: 'CA' })
      await settle()
      expect(usca('SensitiveDataLimitUseNotice')).toBe(1) // offered: notice given,
      expect(usca('SensitiveDataProcessing')).toEqual(Array(9).fill(2)) // not yet used
      const link = page.$('#consentry-first-layer [data-action=limit]')!
      expect(link.textContent).toBe('Limit the Use of My Sensitive Personal Information')
      await page.click('#consentry-first-layer [data-action=limit]')
      expect(saleSwitch()?.getAttribute('aria-checked')).toBe('false')
      expect(limitSwitch()?.getAttribute('aria-checked')).toBe('false')
      await page.click('.dns [aria-labelledby=cs-limit-label]')
      expect(limitSwitch()?.getAttribute('aria-checked')).toBe('true')
      await page.click('.dns [data-action=confirm]')
      expect(stored()).toMatchObject({ method: 'dns_link', doNotSell: false, optOuts: { sensitiveLimit: true, sale: false } })
      expect(page.handle.get().consent.optOuts.sensitiveLimit).toBe(true)
      expect(usca('SensitiveDataProcessing')).toEqual(Array(9).fill(1))
      expect(usca('SaleOptOut')).toBe(2)
      page.handle.showDoNotSell()
      await settle()
      expect(limitSwitch()?.getAttribute('aria-checked')).toBe('true')
      expect(page.$('.dns')?.textContent).toContain('You have limited the use of your sensitive personal information.')
    })

    it('under GPC the sale switch is locked on, the limit switch is not: GPC does not limit sensitive information', async () => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })
      page = await start(SENSITIVE, { country: 'US', region: 'CA' })
      page.handle.showDoNotSell()
      await settle()
      expect(saleSwitch()?.getAttribute('aria-disabled')).toBe('true')
      expect(limitSwitch()?.getAttribute('aria-disabled')).toBeNull()
      expect(page.handle.get().consent.optOuts.sensitiveLimit).toBe(false)
    })

    it('a site that sells nothing still offers the limit, alone in the dialog', async () => {
      page = await start({ dataPractices: { sellsOrShares: false, usesSensitiveInformation: true } }, { country: 'US', region: 'CA' })
      page.handle.showDoNotSell()
      await settle()
      expect(page.$('#cs-dns-title')?.textContent).toBe('Limit the use of your sensitive personal information')
      expect(saleSwitch()).toBeNull()
      await page.click('.dns [aria-labelledby=cs-limit-label]')
      await page.click('.dns [data-action=confirm]')
      expect(stored()).toMatchObject({ optOuts: { sensitiveLimit: true } })
    })

    it('outside California (Texas), or on a site that does not use such information, no limit control and its page links hidden', async () => {
      for (const [config, region] of [
        [SENSITIVE, 'TX'],
        [{}, 'CA'],
      ] as const) {
        document.body.innerHTML = '<footer><a href="/limit" data-consentry-limit>Limit the Use of My Sensitive Personal Information</a></footer>'
        page = await start(config, { country: 'US', region })
        await settle()
        expect(page.$('#consentry-first-layer [data-action=limit]')).toBeNull()
        expect(document.querySelector<HTMLElement>('[data-consentry-limit]')!.hidden).toBe(true)
        page.handle.showDoNotSell()
        await settle()
        expect(limitSwitch()).toBeNull()
        expect(saleSwitch()).not.toBeNull()
        page.handle.destroy()
        page = null
        cleanPage()
      }
    })

    it("in California the site's own footer link opens the dialog", async () => {
      document.body.innerHTML = '<footer><a href="/limit" data-consentry-limit>Limit the Use of My Sensitive Personal Information</a></footer>'
      page = await start(SENSITIVE, { country: 'US', region: 'CA' })
      const link = document.querySelector<HTMLElement>('[data-consentry-limit]')!
      expect(link.hidden).toBe(false)
      expect(link.getAttribute('aria-haspopup')).toBe('dialog')
      link.click()
      await settle()
      expect(limitSwitch()).not.toBeNull()
    })
  })

  it('the document hears consentry:show and consentry:hide with detail.view for banner, preferences and dns', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    await settle()
    const seen: string[] = []
    const onDom = (e: Event) => seen.push(`${e.type}:${(e as CustomEvent<{ view: string }>).detail.view}`)
    document.addEventListener('consentry:show', onDom)
    document.addEventListener('consentry:hide', onDom)
    try {
      page.handle.hide()
      page.handle.showPreferences()
      await settle()
      page.handle.showDoNotSell()
      await settle()
      page.handle.hide()
      page.handle.show()
      await settle()
    } finally {
      document.removeEventListener('consentry:show', onDom)
      document.removeEventListener('consentry:hide', onDom)
    }
    expect(seen).toEqual([
      'consentry:hide:banner',
      'consentry:show:preferences',
      'consentry:hide:preferences',
      'consentry:show:dns',
      'consentry:hide:dns',
      'consentry:show:banner',
    ])
  })

  it('a decision through set() or setDoNotSell() closes the first layer, and fires hide', async () => {
    page = await start()
    await settle()
    expect(page.$('[data-action=accept]')).not.toBeNull()
    const seen: string[] = []
    page.handle.on('hide', (v) => seen.push(`hide:${v}`))
    page.handle.set({ categories: { analytics: true } })
    await settle()
    expect(page.$('[data-action=accept]')).toBeNull()
    expect(seen).toEqual(['hide:banner'])
    page.handle.destroy()
    cleanPage()
    page = await start({}, { country: 'US', region: 'CA' })
    await settle()
    expect(page.$('[data-action=accept]')).not.toBeNull()
    page.handle.setDoNotSell(true)
    await settle()
    expect(page.$('[data-action=accept]')).toBeNull()
  })

  it('the first layer shown at start-up fires show, to the document and to listeners given to init', async () => {
    const seen: string[] = []
    const onDom = (e: Event) => seen.push(`${e.type}:${(e as CustomEvent<{ view: string }>).detail.view}`)
    document.addEventListener('consentry:show', onDom)
    try {
      page = await start({}, { listen: (on) => on('show', (v) => seen.push(`show:${v}`)) })
    } finally {
      document.removeEventListener('consentry:show', onDom)
    }
    expect(seen).toEqual(['show:banner', 'consentry:show:banner'])
  })

  it('reset() forgets the decision, deletes the cookie and asks again', async () => {
    page = await start()
    page.handle.acceptAll()
    const before = stored()!.visitorId
    page.handle.reset()
    await settle()
    expect(Cookies.get('consentry')).toBeUndefined()
    expect(page.handle.get().state).toBeNull()
    expect(page.$('[role=region]')).not.toBeNull()
    page.handle.acceptAll()
    expect(stored()!.visitorId).not.toBe(before)
  })

  it('a throwing listener never breaks the banner', async () => {
    page = await start()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    page.handle.on('change', () => {
      throw new Error('site bug')
    })
    expect(() => page!.handle.acceptAll()).not.toThrow()
    expect(stored()?.method).toBe('accept_all')
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('service ids named like Object.prototype members', () => {
  const NAMES = Object.getOwnPropertyNames(Object.prototype)
  const OFF = { functional: false, analytics: false, advertising: false }

  it('has() never reads Object.prototype: every such name is unknown, hence refused, before and after a decision', async () => {
    page = await start()
    page.handle.acceptAll()
    for (const name of NAMES) expect(page.handle.has(name), name).toBe(false)
  })

  it('a service with the id constructor is refused by set() with nothing picked, and granted only when picked', async () => {
    const service = {
      id: 'constructor',
      name: 'C',
      provider: 'P',
      category: 'analytics' as const,
      purpose: 'x',
      privacyPolicyUrl: 'https://p.example/privacy',
      storage: [],
    }
    page = await start({ services: [service] })
    page.handle.set({ categories: OFF, services: {} })
    expect(page.handle.has('constructor')).toBe(false)
    expect(stored()?.services).toEqual({ constructor: false })
    page.handle.set({ services: { constructor: true } })
    expect(page.handle.has('constructor')).toBe(true)
  })

  it('an inline configuration naming a service after any other Object.prototype member is refused (not a valid id)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    for (const name of NAMES.filter((n) => n !== 'constructor')) {
      const service = {
        id: name,
        name: 'C',
        provider: 'P',
        category: 'analytics' as const,
        purpose: 'x',
        privacyPolicyUrl: 'https://p.example/privacy',
        storage: [],
      }
      await expect(start({ services: [service] }), name).rejects.toThrow(/services\.0\.id/)
    }
    warn.mockRestore()
  })
})

describe('US regimes', () => {
  const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })

  it('GPC-05, GPC-06: a GPC signal under US-CA is applied and recorded silently with a visible role=status', async () => {
    gpcOn()
    const fetch = vi.fn(async () => new Response('{}', { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    page = await start({}, { country: 'US', region: 'CA', api: 'https://consent.example' })
    await settle()
    expect(page.$('[role=dialog]')).toBeNull()
    expect(page.$('.layer [role=status]')?.textContent).toBe('Opt-out request honored')
    expect(stored()).toMatchObject({ gpc: true, doNotSell: true, method: 'gpc' })
    expect(page.handle.has('advertising')).toBe(false)
    const posted = fetch.mock.calls.map((c) => JSON.parse((c as unknown as [string, RequestInit])[1].body as string) as { method: string; gpc: boolean })
    expect(posted).toEqual([expect.objectContaining({ method: 'gpc', gpc: true, doNotSell: true, configVersionId: 'inline', jurisdiction: 'US-CA' })])
  })

  it('GPC-08: under GPC the preferences center shows the advertising switches locked off, "Opt-out request honored"', async () => {
    gpcOn()
    page = await start({}, { country: 'US', region: 'CA' })
    await page.click('[data-action=customize]')
    const adSwitches = page.$$('[data-category=advertising] [role=switch]')
    expect(adSwitches.length).toBeGreaterThan(1) // the category's and each advertising service's
    for (const s of adSwitches) {
      expect(s.getAttribute('aria-checked')).toBe('false')
      expect(s.getAttribute('aria-disabled')).toBe('true')
      expect(s.textContent).toBe('Opt-out request honored')
    }
    adSwitches[0]!.click()
    await settle()
    expect(page.$('[data-category=advertising] > .row [role=switch]')!.getAttribute('aria-checked')).toBe('false')
    // Other categories stay the visitor's to switch.
    const analytics = page.$('[data-category=analytics] > .row [role=switch]')!
    expect(analytics.getAttribute('aria-disabled')).toBeNull()
    await page.click('[data-action=save]')
    expect(stored()).toMatchObject({ doNotSell: true, categories: { advertising: false } })
  })

  it('GPC-07: the first layer is the same with and without GPC, apart from the status node', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    const without = page.$('.layer')!.outerHTML
    page.handle.destroy()
    cleanPage()
    gpcOn()
    page = await start({}, { country: 'US', region: 'CA' })
    const withGpc = page.$('.layer')!.outerHTML.replace(/<p role="status" class="gpc">[^<]*<\/p>/, '')
    expect(withGpc).toBe(without)
  })

  it('GPC-01: only globalPrivacyControl === true counts', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: 'true', configurable: true })
    page = await start({}, { country: 'US', region: 'CA' })
    expect(page.handle.get().consent.gpcHonoured).toBe(false)
    expect(page.$('[role=status].gpc')).toBeNull()
  })

  it('a GPC opt-out after an earlier decision keeps that decision in force (no new prompt)', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    page.handle.acceptAll()
    page.handle.destroy()
    gpcOn()
    page = await start({}, { country: 'US', region: 'CA' })
    await settle()
    expect(page.$('.layer')).toBeNull()
    expect(stored()).toMatchObject({ method: 'accept_all', doNotSell: true, gpc: true })
    expect(page.$('.corner [role=status]')?.textContent).toBe('Opt-out request honored')
  })

  it('CA-01, CA-03, CA-04: a data-consentry-dns link opens the opt-out; opting out and back in take the same steps', async () => {
    const link = document.createElement('a')
    link.href = '#'
    link.dataset.consentryDns = ''
    document.body.append(link)
    page = await start({}, { country: 'US', region: 'CA' })
    expect(link.getAttribute('aria-haspopup')).toBe('dialog')
    const optOutSteps = async (on: boolean) => {
      link.click() // 1
      await settle()
      expect(page!.$('.dns')?.getAttribute('role')).toBe('dialog')
      const sw = page!.$('.dns [role=switch]')!
      if ((sw.getAttribute('aria-checked') === 'true') !== on) await page!.click('.dns [role=switch]') // 2
      await page!.click('.dns [data-action=confirm]') // 3
    }
    await optOutSteps(true)
    expect(stored()).toMatchObject({ method: 'dns_link', doNotSell: true })
    await optOutSteps(false)
    expect(stored()).toMatchObject({ method: 'dns_link', doNotSell: false })
  })

  it('the first layer under a US regime offers the Do Not Sell control; under the EU it does not', async () => {
    page = await start({}, { country: 'US', region: 'CA' })
    expect(page.$('[data-action=dns]')?.textContent).toBe('Do Not Sell or Share My Personal Information')
    page.handle.destroy()
    page = await start({}, { country: 'DE' })
    expect(page.$('[data-action=dns]')).toBeNull()
  })
})
