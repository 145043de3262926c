import type { StorageItem, Texts } from '@consentry/shared'

const UNITS: [Intl.NumberFormatOptions['unit'], number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
]

/** "13 months", "30 minutes", localised by the browser; `session` as the translated word. */
export function formatLifetime(lifetime: StorageItem['lifetime'], locale: string, t: Pick<Texts, 'preferences.session'>): string {
  if (lifetime === 'session') return t['preferences.session']
  const [unit, size] = UNITS.find(([, s]) => lifetime >= s) ?? UNITS[UNITS.length - 1]!
  const value = Math.round(lifetime / size)
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
  } catch {
    return `${value} ${unit}`
  }
}
