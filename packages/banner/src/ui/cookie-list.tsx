import type { ServiceConfig, StorageItem } from '@consentry/shared'
import type { DialogTexts } from './types'

const UNITS: [Intl.NumberFormatOptions['unit'], number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
]

/** "13 months", "30 minutes", localised by the browser; `session` as the translated word. */
export function formatLifetime(lifetime: StorageItem['lifetime'], locale: string, t: DialogTexts): string {
  if (lifetime === 'session') return t['preferences.session']
  const [unit, size] = UNITS.find(([, s]) => lifetime >= s) ?? UNITS[UNITS.length - 1]!
  const value = Math.round(lifetime / size)
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
  } catch {
    return `${value} ${unit}`
  }
}

/** A service's cookie declaration (EU-09): name, provider, purpose, lifetime, first or third party. */
export function CookieList({ service, t, locale }: { service: ServiceConfig; t: DialogTexts; locale: string }) {
  if (service.storage.length === 0) return null
  return (
    <details class="cookies">
      <summary>
        {t['preferences.cookies']} ({service.storage.length})
      </summary>
      <ul>
        {service.storage.map((item) => (
          <li key={item.name}>
            <dl>
              <div>
                <dt>{t['preferences.cookieName']}</dt>
                <dd>
                  <code>{item.name}</code>
                </dd>
              </div>
              <div>
                <dt>{t['preferences.cookieProvider']}</dt>
                <dd>{service.provider}</dd>
              </div>
              <div>
                <dt>{t['preferences.cookiePurpose']}</dt>
                <dd>{item.description}</dd>
              </div>
              <div>
                <dt>{t['preferences.cookieDuration']}</dt>
                <dd>{formatLifetime(item.lifetime, locale, t)}</dd>
              </div>
              <div>
                <dt>{t['preferences.cookieParty']}</dt>
                <dd>{item.party === 'first' ? t['preferences.firstParty'] : t['preferences.thirdParty']}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </details>
  )
}
