import type { EffectiveConsent } from '../consent/effective-consent'
import type { UsPrivacyChoices } from './gpp/us-sections'

/**
 * US opt-outs from what may run: sale follows the sale/share opt-out (the visitor's or GPC's);
 * sharing and targeted advertising are also opted out whenever the advertising category is off,
 * since both mean cross-context behavioural advertising.
 * @example usPrivacyChoices(consent).saleOptOut // true after GPC
 */
export function usPrivacyChoices(
  consent: Pick<EffectiveConsent, 'categories' | 'saleOptOut' | 'gpcHonoured'> & Partial<Pick<EffectiveConsent, 'optOuts'>>,
  { saleFree = false, sensitiveLimitOffered = false }: Pick<UsPrivacyChoices, 'saleFree' | 'sensitiveLimitOffered'> = {},
): UsPrivacyChoices {
  const ads = consent.categories.advertising && !consent.saleOptOut
  const { optOuts } = consent
  return {
    saleOptOut: consent.saleOptOut,
    sharingOptOut: !ads || optOuts?.sharing === true,
    targetedAdvertisingOptOut: !ads || optOuts?.targetedAds === true,
    gpc: consent.gpcHonoured,
    ...(optOuts?.sensitiveLimit ? { sensitiveDataLimit: true } : {}),
    ...(saleFree ? { saleFree } : {}),
    ...(sensitiveLimitOffered ? { sensitiveLimitOffered } : {}),
  }
}
