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
  /**
   * The site states it neither sells nor shares personal information (`dataPractices.sellsOrShares: false`):
   * sale, sharing and targeted-advertising notices and opt-outs are 0, "not applicable" (usnat/usca field
   * semantics: an opt-out is N/A when no notice of it is owed).
   */
  saleFree?: boolean
  /** Opted out of (or limited) the use of sensitive personal data. Default false. */
  sensitiveDataLimit?: boolean
  /** The site offers that limit (notice given): items say "did not opt out" until the visitor limits. Default false. */
  sensitiveLimitOffered?: boolean
}

export type GppFieldValue = number | boolean | string | number[]
/** A decoded section, named as `@iabgpp/cmpapi` names its fields. */
export type GppSectionFields = Record<string, GppFieldValue>

// 1 = notice given / opted out, 2 = not opted out, 0 = not applicable (MSPA technical specifications).
const optOut = (on: boolean): number => (on ? 1 : 2)
/** A sale-related notice and opt-out: both 0 (not applicable) on a sale-free site. */
const saleField = (choices: UsPrivacyChoices, on: boolean): [notice: number, optOut: number] => (choices.saleFree ? [0, 0] : [1, optOut(on)])
/**
 * Sensitive data: once the visitor limited its use, notice given and every category opted out (1); where the site
 * offers the limit and it is not used, notice given and "did not opt out" (2); otherwise not applicable (0).
 */
function sensitive(choices: UsPrivacyChoices, count: number): [notice: number, items: number[]] {
  if (choices.sensitiveDataLimit) return [1, Array<number>(count).fill(1)]
  return choices.sensitiveLimitOffered ? [1, Array<number>(count).fill(2)] : [0, Array<number>(count).fill(0)]
}

function mspa(choices: UsPrivacyChoices): GppSectionFields {
  const covered = choices.mspaCovered === true
  // CoveredTransaction is never 0; the two modes are 0 (not applicable) outside covered transactions.
  return {
    MspaCoveredTransaction: covered ? 1 : 2,
    MspaOptOutOptionMode: covered ? 1 : 0,
    MspaServiceProviderMode: covered ? 2 : 0,
  }
}

/**
 * usnat (section 7) version 2: notices given for sale, sharing and targeted ads (not applicable on a sale-free
 * site); sensitive data only once its use was limited.
 */
export function usnatFields(choices: UsPrivacyChoices): GppSectionFields {
  const [saleNotice, sale] = saleField(choices, choices.saleOptOut)
  const [, sharing] = saleField(choices, choices.sharingOptOut)
  const [, targeted] = saleField(choices, choices.targetedAdvertisingOptOut)
  const [sensitiveNotice, sensitiveItems] = sensitive(choices, 16)
  return {
    Version: 2,
    SharingNotice: saleNotice,
    SaleOptOutNotice: saleNotice,
    SharingOptOutNotice: saleNotice,
    TargetedAdvertisingOptOutNotice: saleNotice,
    SensitiveDataProcessingOptOutNotice: sensitiveNotice,
    SensitiveDataLimitUseNotice: sensitiveNotice,
    SaleOptOut: sale,
    SharingOptOut: sharing,
    TargetedAdvertisingOptOut: targeted,
    SensitiveDataProcessing: sensitiveItems,
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
  const [saleNotice, sale] = saleField(choices, choices.saleOptOut)
  const [, sharing] = saleField(choices, choices.sharingOptOut)
  const [sensitiveNotice, sensitiveItems] = sensitive(choices, 9)
  return {
    Version: 1,
    SaleOptOutNotice: saleNotice,
    SharingOptOutNotice: saleNotice,
    SensitiveDataLimitUseNotice: sensitiveNotice,
    SaleOptOut: sale,
    SharingOptOut: sharing,
    SensitiveDataProcessing: sensitiveItems,
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
