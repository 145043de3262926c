import type { Texts } from '@consentry/shared'
import { readToEnd } from '../read-to-end'
import { enCore } from './en-core'
import type { CoreTexts } from '../ui/types'

/** Locales with a built-in translation (English in the bundle, the rest as `i18n/<locale>.json`). */
export const BUILT_IN_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ar', 'he'] as const
const RTL = new Set(['ar', 'he', 'fa', 'ur'])

export function isRtl(locale: string): boolean {
  return RTL.has(locale.split('-')[0]!.toLowerCase())
}

/**
 * Picks the locale: explicit option, then `<html lang>`, then the browser's languages, then the site default.
 * A candidate counts when it is built in or the site gives texts for it; `pt-BR` falls back to `pt`.
 */
export function chooseLocale(candidates: readonly (string | null | undefined)[], siteLocales: readonly string[], fallback: string): string {
  const available = new Set<string>([...BUILT_IN_LOCALES, ...siteLocales])
  for (const raw of candidates) {
    if (!raw) continue
    const tag = raw.trim()
    const exact = [...available].find((l) => l.toLowerCase() === tag.toLowerCase())
    if (exact) return exact
    const base = tag.split('-')[0]!.toLowerCase()
    if (available.has(base)) return base
  }
  return fallback
}

/**
 * Built-in texts for a locale, with the site's overrides (for that locale, then its base language) on top, over
 * the core's English and any English loaded beside it (`english`, the regime texts): a missing translation falls
 * back per key. The dialogs put their own English underneath (`{ ...enDialogs, ...t }`).
 */
export function resolveTexts(
  locale: string,
  builtIn: Partial<Texts> | null,
  overrides: Readonly<Record<string, Partial<Texts>>>,
  english?: Partial<Texts>,
): CoreTexts {
  const base = locale.split('-')[0]!
  return { ...enCore, ...english, ...builtIn, ...overrides[base], ...overrides[locale] }
}

/** Loads a built-in translation that is not in the bundle, relative to the script's URL: null when there is none to load, false when it could not be loaded. */
export async function fetchLocale(locale: string, baseUrl: string | null): Promise<Partial<Texts> | null | false> {
  const base = locale.split('-')[0]!
  if (base === 'en' || !baseUrl || !(BUILT_IN_LOCALES as readonly string[]).includes(base)) return null
  try {
    const res = await fetch(new URL(`i18n/${base}.json`, baseUrl).href, { credentials: 'omit' })
    if (!res.ok) {
      await readToEnd(res)
      return false
    }
    return (await res.json()) as Partial<Texts>
  } catch {
    return false // English is always there
  }
}
