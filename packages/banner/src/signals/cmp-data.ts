import { encodeGpp, encodeUspString, usPrivacyChoices, usSectionsFor } from '@consentry/shared'
import type { ConsentSnapshot } from '../consent-source'
import type { CmpData } from './cmp-api'

/**
 * GPP and USP data for a snapshot: usnat across the US (plus usca in California), nothing applicable elsewhere;
 * the USP string applies in California only (`1---` outside it).
 */
export function cmpData(snapshot: Pick<ConsentSnapshot, 'consent' | 'jurisdiction'>): CmpData {
  const { country, region } = snapshot.jurisdiction.location
  const choices = usPrivacyChoices(snapshot.consent)
  const us = country === 'US'
  const gpp = encodeGpp(us ? usSectionsFor(region) : [], choices)
  return {
    ...gpp,
    applicableSections: us ? gpp.sectionList : [-1],
    uspString: encodeUspString({ applies: region === 'US-CA', optedOut: choices.saleOptOut || choices.sharingOptOut }),
  }
}
