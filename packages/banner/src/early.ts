import { decodeConsentCookie, effectiveConsent, normalizeLocation, resolveJurisdiction } from '@consentry/shared'
import type { EffectiveConsent, ServiceRef } from '@consentry/shared'
import Cookies from 'js-cookie'

/**
 * What may run before the configuration has loaded, from the consent cookie alone: the regime comes from the
 * jurisdiction stored with the choice. Null when there is no valid stored choice (tags then wait, denied).
 */
export function earlyConsent(cookieName: string, services: readonly ServiceRef[] = []): EffectiveConsent | null {
  const stored = decodeConsentCookie(Cookies.get(cookieName))
  if (!stored) return null
  const [country, region] = stored.jurisdiction.split('-')
  const jurisdiction = resolveJurisdiction(normalizeLocation(country === 'ZZ' ? null : country, region ?? null))
  const gpc = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  return effectiveConsent({ stored, gpc, regime: jurisdiction.regime, services })
}
