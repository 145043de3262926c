import type { EffectiveConsent } from './effective-consent'

/** Google Consent Mode v2 types, all seven. */
export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const
export type ConsentModeType = (typeof CONSENT_MODE_TYPES)[number]
export type ConsentModeValue = 'granted' | 'denied'
export type ConsentModeState = Record<ConsentModeType, ConsentModeValue>

const value = (on: boolean): ConsentModeValue => (on ? 'granted' : 'denied')

/**
 * Maps what may run to the seven Consent Mode types. Advertising types follow the advertising category,
 * which is already off when sale/sharing is opted out (GPC or "Do Not Sell"), so ADS-07 holds by construction.
 * Security storage is essential and always granted.
 * @example consentModeState(consent).ad_user_data // 'denied'
 */
export function consentModeState(consent: Pick<EffectiveConsent, 'categories' | 'saleOptOut'>): ConsentModeState {
  const ads = consent.categories.advertising && !consent.saleOptOut
  const functional = consent.categories.functional
  return {
    ad_storage: value(ads),
    ad_user_data: value(ads),
    ad_personalization: value(ads),
    analytics_storage: value(consent.categories.analytics),
    functionality_storage: value(functional),
    personalization_storage: value(functional),
    security_storage: 'granted',
  }
}
