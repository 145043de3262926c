// Texts per locale: every built-in string, shown as the placeholder, overridable per language.
import { en } from '@consentry/banner/i18n/en'
import { TEXT_KEYS, type TextKey } from '@consentry/shared'
import { useEffect, useState } from 'preact/hooks'
import { SelectField, TextField } from '../ui/fields'
import { getAt, setAt, withoutEmptyAt } from './paths'
import type { SectionProps } from './sections'

const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ar', 'he'] as const

export function TextsSection(props: SectionProps) {
  const [locale, setLocale] = useState<(typeof LOCALES)[number]>('en')
  const [builtIn, setBuiltIn] = useState<Partial<Record<TextKey, string>>>(en)
  useEffect(() => {
    if (locale === 'en') return setBuiltIn(en)
    // The banner's own translation files, as the API serves them to visitors.
    fetch(`/i18n/${locale}.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Partial<Record<TextKey, string>>>) : {}))
      .then(
        (t) => setBuiltIn({ ...en, ...t }),
        () => setBuiltIn(en),
      )
  }, [locale])
  return (
    <fieldset>
      <legend>Texts</legend>
      <SelectField label="Language" value={locale} options={LOCALES} onChange={setLocale} hint="Leave a text empty to use the built-in one, shown greyed." />
      <div class="texts">
        {TEXT_KEYS.map((key) => {
          const path = ['texts', locale, key]
          return (
            <TextField
              key={`${locale}-${key}`}
              label={key}
              path={path.join('.')}
              multiline={(builtIn[key]?.length ?? 0) > 60}
              placeholder={builtIn[key] ?? ''}
              value={(getAt(props.value, path) as string | undefined) ?? ''}
              onInput={(v) => props.onChange(withoutEmptyAt(setAt(props.value, path, v === '' ? undefined : v), ['texts', locale]))}
            />
          )
        })}
      </div>
    </fieldset>
  )
}
