import { decodeConsentCookie, effectiveConsent } from '@consentry/shared'
import type { EffectiveConsent, ServiceRef } from '@consentry/shared'
import Cookies from 'js-cookie'

/**
 * What may run before the configuration has loaded, from the consent cookie alone. Null when there is no valid
 * stored choice (tags then wait, denied).
 */
export function earlyConsent(cookieName: string, services: readonly ServiceRef[] = []): EffectiveConsent | null {
  const stored = decodeConsentCookie(Cookies.get(cookieName))
  if (!stored) return null
  const gpc = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  // A stored choice carries its own categories; the regime only supplies defaults when nothing is stored, so the
  // jurisdiction rules need not ship in the core for this.
  return effectiveConsent({ stored, gpc, regime: 'opt_in', services })
}
