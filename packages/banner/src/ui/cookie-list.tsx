import type { ServiceConfig } from '@consentry/shared'
import type { DialogTexts } from './types'
import { formatLifetime } from './lifetime'

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
