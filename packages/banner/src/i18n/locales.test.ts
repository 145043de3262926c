import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TEXT_KEYS } from '@consentry/shared'
import { BUILT_IN_LOCALES, chooseLocale, fetchLocale, isRtl, resolveTexts } from './locales'
import { en } from './en'

const load = (locale: string) => JSON.parse(readFileSync(join(import.meta.dirname, `${locale}.json`), 'utf8')) as Record<string, string>

afterEach(() => vi.unstubAllGlobals())

describe('built-in translations', () => {
  it('English has every text key', () => {
    expect(Object.keys(en).sort()).toEqual([...TEXT_KEYS].sort())
  })

  it.each(BUILT_IN_LOCALES.filter((l) => l !== 'en'))('%s has every text key, non-empty, and nothing else', (locale) => {
    const texts = load(locale)
    expect(Object.keys(texts).sort()).toEqual([...TEXT_KEYS].sort())
    for (const value of Object.values(texts)) expect(value.trim()).not.toBe('')
    expect(texts['banner.acceptAll']).not.toBe(en['banner.acceptAll'])
  })
})

describe('chooseLocale', () => {
  it('takes the first available candidate, falling back from region to language', () => {
    expect(chooseLocale(['de-AT', 'fr'], [], 'en')).toBe('de')
    expect(chooseLocale([undefined, '', 'xx', 'sv-SE'], [], 'en')).toBe('sv')
    expect(chooseLocale(['xx'], [], 'fr')).toBe('fr')
  })

  it('counts a locale the site gives texts for', () => {
    expect(chooseLocale(['fi'], ['fi'], 'en')).toBe('fi')
    expect(chooseLocale(['pt-BR'], ['pt-BR'], 'en')).toBe('pt-BR')
  })
})

describe('resolveTexts', () => {
  it('layers site overrides for the language and the exact locale over the built-in texts', () => {
    const t = resolveTexts('pt-BR', load('pt'), { pt: { 'banner.title': 'Privacidade' }, 'pt-BR': { 'banner.acceptAll': 'Aceitar tudo' } })
    expect(t['banner.title']).toBe('Privacidade')
    expect(t['banner.acceptAll']).toBe('Aceitar tudo')
    expect(t['banner.rejectAll']).toBe('Rejeitar todos')
  })

  it('fills anything missing from English', () => {
    expect(resolveTexts('fi', null, { fi: { 'banner.title': 'Yksityisyys' } })['banner.rejectAll']).toBe('Reject all')
  })
})

describe('fetchLocale', () => {
  it('loads i18n/<language>.json next to the script, and never for English', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(load('de'))))
    vi.stubGlobal('fetch', fetch)
    expect(((await fetchLocale('de-CH', 'https://cdn.example/consentry/consentry.js')) || null)?.['banner.rejectAll']).toBe('Alle ablehnen')
    expect(fetch).toHaveBeenCalledWith('https://cdn.example/consentry/i18n/de.json', expect.anything())
    expect(await fetchLocale('en', 'https://cdn.example/consentry.js')).toBeNull()
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('returns false when the file cannot be loaded (English is used, and the banner says so)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    )
    expect(await fetchLocale('fr', 'https://cdn.example/consentry.js')).toBe(false)
  })
})

it('Arabic and Hebrew are right to left', () => {
  expect(isRtl('ar')).toBe(true)
  expect(isRtl('he-IL')).toBe(true)
  expect(isRtl('de')).toBe(false)
})
