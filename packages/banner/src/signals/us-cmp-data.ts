import { encodeGpp, encodeUspString, usPrivacyChoices, usSectionsFor } from '@consentry/shared'
import type { ConsentSnapshot } from '../consent-source'
import type { CmpData } from './cmp-api'
import { sensitiveLimitShown } from '../ui/types'

export { bridge } from './cmp-bridge'

/**
 * GPP and USP data for a visitor in the US: the usnat section (plus usca in California), each with the GPC
 * subsection; the USP string applies in California only (`1---` elsewhere). Loaded only under US jurisdictions
 * (`Parts.us`): elsewhere `NOT_APPLICABLE` is published without any encoder.
 */
export function usCmpData(snapshot: Pick<ConsentSnapshot, 'consent' | 'jurisdiction'>): CmpData {
  const { region } = snapshot.jurisdiction.location
  // Under US rules the control is hidden only on a site that states it neither sells nor shares.
  const saleFree = snapshot.jurisdiction.usPrivacy && !snapshot.jurisdiction.showDoNotSell
  const choices = usPrivacyChoices(snapshot.consent, { saleFree, sensitiveLimitOffered: sensitiveLimitShown(snapshot) })
  const gpp = encodeGpp(usSectionsFor(region), choices)
  return {
    ...gpp,
    applicableSections: gpp.sectionList,
    uspString: encodeUspString({ applies: region === 'US-CA', optedOut: choices.saleOptOut || choices.sharingOptOut, saleFree }),
  }
}
