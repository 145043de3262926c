import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SiteConfigInput } from '@consentry/shared'
import { cleanPage, start, type Started } from '../testing/site'

let page: Started | null = null
beforeEach(() => cleanPage())
afterEach(() => {
  page?.handle.destroy()
  page = null
  vi.unstubAllGlobals()
})

/** Serves the built-in translations as the script's `i18n/` folder would. */
function serveTranslations() {
  vi.stubGlobal('fetch', async (url: string) => {
    const file = /i18n\/(\w+)\.json$/.exec(String(url))?.[1]
    return file ? new Response(readFileSync(join(import.meta.dirname, `../i18n/${file}.json`), 'utf8')) : new Response('', { status: 404 })
  })
}

const layer = () => document.getElementById('consentry-first-layer')!
const text = () => layer().textContent ?? ''
const buttons = () => [...layer().querySelectorAll('button')].map((b) => b.dataset.action)
const open = (where: { country: string; region?: string }, config: Partial<SiteConfigInput> = {}, locale = 'en') =>
  start(config, { ...where, locale, i18nBase: 'https://cdn.example/consentry.js' })
const AD_WORDS = /\bads?\b|advertis/i

describe('first layer wording per regime', () => {
  it('opt-in (EU), English: purposes offered, withdrawal and where, how long the choice is kept, third parties with their list, the policy', async () => {
    page = await open({ country: 'DE' })
    expect(layer().querySelector('h2')!.textContent).toBe('We value your privacy')
    expect(text()).toContain(
      'With your consent, we and our partners use cookies and similar technologies for: remembering your settings and extra features, measuring how the site is used, personalised ads and their measurement.',
    )
    expect(text()).toContain('You can withdraw your consent at any time under “Privacy settings” at the bottom of every page.')
    expect(text()).toContain('We keep your choice for 365 days.')
    expect(text()).toContain('Third parties involved: 3.') // Google, Hotjar, Meta
    expect(layer().querySelector('a')!.getAttribute('href')).toBe('https://shop.example/privacy')
    expect(buttons()).toEqual(['services', 'accept', 'reject', 'customize'])
    await page.click('[data-action=services]')
    expect(page.$('.prefs')).not.toBeNull() // the list of every service
  })

  it('opt-in, Hebrew (RTL): the same sentences, translated, right to left', async () => {
    serveTranslations()
    page = await open({ country: 'DE' }, {}, 'he')
    expect(layer().dir).toBe('rtl')
    expect(layer().lang).toBe('he')
    expect(text()).toContain(
      'בהסכמתך, אנחנו והשותפים שלנו משתמשים בעוגיות ובטכנולוגיות דומות לצורך: שמירת ההגדרות שלך ותכונות נוספות, מדידת השימוש באתר, פרסום מותאם אישית ומדידתו.',
    )
    expect(text()).toContain('אפשר לבטל את ההסכמה בכל עת דרך "הגדרות פרטיות" בתחתית כל עמוד.')
    expect(text()).toContain('365')
    expect(text()).toContain('צדדים שלישיים מעורבים: 3.')
  })

  it('a translation that cannot be loaded: English, left to right, recorded as en, with a console warning', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 503 })) // i18n/ar.json and the API both down
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      page = await start({}, { country: 'DE', locale: 'ar', i18nBase: 'https://cdn.example/consentry.js', api: 'https://api.example' })
      expect(layer().querySelector('h2')!.textContent).toBe('We value your privacy')
      expect(layer().lang).toBe('en')
      expect(layer().dir).toBe('ltr')
      expect(warn.mock.calls.map((c) => String(c[0])).some((m) => m.includes('"ar"'))).toBe(true)
      await page.click('[data-action=accept]')
      const pending = Object.values(
        JSON.parse(localStorage.getItem('consentry:outbox:site_test0001') ?? '{}') as Record<string, { context: { locale: string } }>,
      )
      expect(pending.map((d) => d.context.locale)).toEqual(['en'])
    } finally {
      warn.mockRestore()
    }
  })

  it('opt-out (California), English: a notice at collection: the tags already run, and how to opt out of sale, sharing and targeted ads', async () => {
    page = await open({ country: 'US', region: 'CA' })
    expect(layer().querySelector('h2')!.textContent).toBe('Your privacy choices')
    expect(text()).toContain('They are already active.')
    expect(text()).toContain(
      'To opt out of the sale and sharing of your personal information and of targeted advertising, choose “Reject all” or “Do Not Sell or Share My Personal Information”.',
    )
    expect(text()).not.toContain('With your consent')
    expect(buttons()).toEqual(['dns', 'accept', 'reject', 'customize'])
  })

  it('opt-out, Arabic (RTL): the notice at collection translated', async () => {
    serveTranslations()
    page = await open({ country: 'US', region: 'CA' }, {}, 'ar')
    expect(layer().dir).toBe('rtl')
    expect(layer().querySelector('h2')!.textContent).toBe('خيارات الخصوصية الخاصة بك')
    expect(text()).toContain('وهي مفعّلة بالفعل.')
    expect(text()).toMatch(/للاعتراض على بيع بياناتك الشخصية ومشاركتها وعلى الإعلانات الموجّهة، اختر «.+» أو «.+»\./)
  })

  it('notice regime, English and Hebrew: informs about the purposes, without asking for consent', async () => {
    const config = { jurisdiction: { defaultRegime: 'notice' as const } }
    page = await open({ country: 'JP' }, config)
    expect(layer().querySelector('h2')!.textContent).toBe('Cookies on this site')
    expect(text()).toContain(
      'We use cookies and similar technologies for: remembering your settings and extra features, measuring how the site is used, personalised ads and their measurement.',
    )
    expect(text()).not.toContain('consent')
    page.handle.destroy()
    serveTranslations()
    page = await open({ country: 'JP' }, config, 'he')
    expect(layer().querySelector('h2')!.textContent).toBe('עוגיות באתר זה')
    expect(text()).toContain('אנחנו משתמשים בעוגיות ובטכנולוגיות דומות לצורך:')
  })

  it('a site without advertising never mentions ads, under any regime, in English or Arabic', async () => {
    const config: Partial<SiteConfigInput> = { categories: ['functional', 'analytics'], services: [] }
    for (const locale of ['en', 'ar']) {
      serveTranslations()
      for (const where of [{ country: 'DE' }, { country: 'US', region: 'CA' }, { country: 'JP' }]) {
        page = await open(where, config, locale)
        expect(text(), `${locale} ${where.country}`).not.toMatch(AD_WORDS)
        expect(text(), `${locale} ${where.country}`).not.toMatch(/إعلان/)
        page.handle.destroy()
        page = null
        cleanPage()
      }
    }
    page = await open({ country: 'US', region: 'CA' }, config)
    expect(text()).toContain('To opt out of the sale and sharing of your personal information, choose')
  })

  it('an essential-only site gets a notice with one OK button, or nothing when the site turns the notice off', async () => {
    const config: Partial<SiteConfigInput> = { categories: [], services: [] }
    page = await open({ country: 'DE' }, config)
    expect(layer().querySelector('h2')!.textContent).toBe('Cookies on this site')
    expect(text()).toContain('We use only the cookies this site needs to work; they do not need your consent.')
    expect(buttons()).toEqual(['dismiss'])
    await page.click('[data-action=dismiss]')
    expect(document.getElementById('consentry-first-layer')).toBeNull()
    expect(page.handle.get().state?.categories).toEqual({ functional: false, analytics: false, advertising: false })
    page.handle.destroy()
    cleanPage()
    page = await open({ country: 'DE' }, { ...config, appearance: { essentialOnlyNotice: false } })
    expect(document.getElementById('consentry-first-layer')).toBeNull()
  })

  it('third parties are the providers of optional services other than the site itself', async () => {
    const own = {
      id: 'prefs',
      name: 'Prefs',
      provider: 'Example Shop Ltd',
      category: 'functional' as const,
      purpose: 'x',
      privacyPolicyUrl: 'https://shop.example/privacy',
    }
    const ga = {
      id: 'ga4',
      name: 'GA',
      provider: 'Google Ireland Ltd',
      category: 'analytics' as const,
      purpose: 'x',
      privacyPolicyUrl: 'https://g.example/privacy',
    }
    page = await open({ country: 'DE' }, { services: [own, ga, { ...ga, id: 'gtm' }] })
    expect(text()).toContain('Third parties involved: 1.')
    page.handle.destroy()
    cleanPage()
    page = await open({ country: 'DE' }, { services: [own] })
    expect(text()).not.toContain('Third parties')
    expect(buttons()).toEqual(['accept', 'reject', 'customize'])
  })

  it('a translation missing a key falls back to English for that key only', async () => {
    page = await start({ texts: { de: { 'banner.title': 'Datenschutz' } } }, { country: 'DE', locale: 'de' })
    expect(layer().querySelector('h2')!.textContent).toBe('Datenschutz')
    expect(text()).toContain('We keep your choice for 365 days.')
  })
})
