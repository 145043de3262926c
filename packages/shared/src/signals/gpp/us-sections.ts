import { base64url, fixedInt } from './bits'

/** What a US visitor has opted out of; the input of every US section. */
export interface UsPrivacyChoices {
  saleOptOut: boolean
  sharingOptOut: boolean
  targetedAdvertisingOptOut: boolean
  /** The browser's Global Privacy Control value, passed through to the GPC subsection. */
  gpc: boolean
  /** The site is a signatory of the MSPA and this is a covered transaction. Default false. */
  mspaCovered?: boolean
}

export type GppFieldValue = number | boolean | string | number[]
/** A decoded section, named as `@iabgpp/cmpapi` names its fields. */
export type GppSectionFields = Record<string, GppFieldValue>

// 1 = notice given / opted out, 2 = not opted out (MSPA technical specifications).
const optOut = (on: boolean): number => (on ? 1 : 2)

function mspa(choices: UsPrivacyChoices): GppSectionFields {
  const covered = choices.mspaCovered === true
  // CoveredTransaction is never 0; the two modes are 0 (not applicable) outside covered transactions.
  return {
    MspaCoveredTransaction: covered ? 1 : 2,
    MspaOptOutOptionMode: covered ? 1 : 0,
    MspaServiceProviderMode: covered ? 2 : 0,
  }
}

/** usnat (section 7) version 2: notices given for sale, sharing and targeted ads; no sensitive-data processing. */
export function usnatFields(choices: UsPrivacyChoices): GppSectionFields {
  return {
    Version: 2,
    SharingNotice: 1,
    SaleOptOutNotice: 1,
    SharingOptOutNotice: 1,
    TargetedAdvertisingOptOutNotice: 1,
    SensitiveDataProcessingOptOutNotice: 0,
    SensitiveDataLimitUseNotice: 0,
    SaleOptOut: optOut(choices.saleOptOut),
    SharingOptOut: optOut(choices.sharingOptOut),
    TargetedAdvertisingOptOut: optOut(choices.targetedAdvertisingOptOut),
    SensitiveDataProcessing: Array<number>(16).fill(0),
    KnownChildSensitiveDataConsents: [0, 0, 0],
    PersonalDataConsents: 0,
    ...mspa(choices),
    GpcSegmentType: 1,
    GpcSegmentIncluded: true,
    Gpc: choices.gpc,
  }
}

/** usca (section 8) version 1: California's sale and sharing opt-outs. */
export function uscaFields(choices: UsPrivacyChoices): GppSectionFields {
  return {
    Version: 1,
    SaleOptOutNotice: 1,
    SharingOptOutNotice: 1,
    SensitiveDataLimitUseNotice: 0,
    SaleOptOut: optOut(choices.saleOptOut),
    SharingOptOut: optOut(choices.sharingOptOut),
    SensitiveDataProcessing: Array<number>(9).fill(0),
    KnownChildSensitiveDataConsents: [0, 0],
    PersonalDataConsents: 0,
    ...mspa(choices),
    GpcSegmentType: 1,
    GpcSegmentIncluded: true,
    Gpc: choices.gpc,
  }
}

const SUBSECTION = new Set(['GpcSegmentType', 'GpcSegmentIncluded', 'Gpc'])

/**
 * Encodes a US section's fields (in their specification order): the core segment, then `.` and the
 * GPC subsection (SubsectionType 2 bits, Gpc 1 bit). Version is 6 bits, every other field 2 bits per item.
 */
export function encodeUsSection(fields: GppSectionFields): string {
  let core = ''
  for (const [name, value] of Object.entries(fields)) {
    if (SUBSECTION.has(name)) continue
    for (const item of ([] as GppFieldValue[]).concat(value)) core += fixedInt(Number(item), name === 'Version' ? 6 : 2)
  }
  const gpc = fields.GpcSegmentIncluded ? '.' + base64url(fixedInt(1, 2) + (fields.Gpc ? '1' : '0')) : ''
  return base64url(core) + gpc
}
