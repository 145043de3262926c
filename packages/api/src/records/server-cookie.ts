import { serialize } from 'hono/utils/cookie'
import { encodeConsentCookie, recordedState, type ConsentInput, type SiteConfig } from '@consentry/shared'

/**
 * The `Set-Cookie` value that sets the consent cookie from the server, on the site's configured domain (`consent.serverCookie`).
 * Browsers cap cookies written by script (Safari: 7 days); a cookie set in an HTTP response lasts its
 * full lifetime. Only works when the API is served from the site's own domain (e.g. consent.example.com
 * for example.com), which is why `cookieDomain` should be set alongside it.
 */
export function serverConsentCookie(config: SiteConfig, input: ConsentInput): string {
  const { cookieName, cookieDomain, lifetimeDays } = config.consent
  const value = encodeConsentCookie(recordedState(input, config))
  return serialize(cookieName, value, {
    path: '/',
    maxAge: lifetimeDays * 86_400,
    sameSite: 'Lax',
    secure: true,
    ...(cookieDomain ? { domain: cookieDomain } : {}),
  })
}
