import { encodeGppHeader } from './header'
import { encodeUsSection, uscaFields, usnatFields, type GppSectionFields, type UsPrivacyChoices } from './us-sections'
import { encodeUspString } from '../usp'

/** Section ids and API prefixes this encoder writes (GPP section registry). */
export const GPP_SECTIONS = { uspv1: 6, usnat: 7, usca: 8 } as const
export type GppSectionName = keyof typeof GPP_SECTIONS

/** Which US sections apply where: usnat across the US, usca added for California. */
export function usSectionsFor(region: string | null): GppSectionName[] {
  return region === 'US-CA' ? ['usnat', 'usca'] : ['usnat']
}

export interface GppData {
  /** Header plus every section, in section-id order, joined by `~`. */
  gppString: string
  sectionList: number[]
  /** Decoded fields per section name (what `getSection` and `getField` answer). */
  parsedSections: Record<string, GppSectionFields>
}

/**
 * Builds the GPP string for the given sections from one set of US choices.
 * `uspv1` is the legacy CCPA string (California only) carried as a section.
 * @example encodeGpp(['uspv1', 'usnat'], { saleOptOut: true, sharingOptOut: true, targetedAdvertisingOptOut: true, gpc: true }).gppString
 * // 'DBABzw~1YYN~CVQVAAAAAACA.YA'
 */
export function encodeGpp(sections: readonly GppSectionName[], choices: UsPrivacyChoices): GppData {
  const names = [...new Set(sections)].sort((a, b) => GPP_SECTIONS[a] - GPP_SECTIONS[b])
  const parts = [encodeGppHeader(names.map((name) => GPP_SECTIONS[name]))]
  const parsedSections: Record<string, GppSectionFields> = {}
  for (const name of names) {
    if (name === 'uspv1') {
      const usp = encodeUspString({ applies: true, optedOut: choices.saleOptOut || choices.sharingOptOut, saleFree: choices.saleFree === true })
      parsedSections[name] = { Version: 1, Notice: usp[1]!, OptOutSale: usp[2]!, LspaCovered: usp[3]! }
      parts.push(usp)
      continue
    }
    const fields = name === 'usnat' ? usnatFields(choices) : uscaFields(choices)
    parsedSections[name] = fields
    parts.push(encodeUsSection(fields))
  }
  return { gppString: parts.join('~'), sectionList: names.map((name) => GPP_SECTIONS[name]), parsedSections }
}
