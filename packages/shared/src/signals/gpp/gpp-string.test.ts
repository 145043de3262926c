import { describe, expect, it } from 'vitest'
import { GppModel, HeaderV1 } from '@iabgpp/cmpapi'
import { encodeGpp, usSectionsFor, type GppSectionName } from './gpp-string'
import { encodeGppHeader } from './header'
import { fibonacci } from './bits'
import type { UsPrivacyChoices } from './us-sections'

const OPTED_OUT: UsPrivacyChoices = { saleOptOut: true, sharingOptOut: true, targetedAdvertisingOptOut: true, gpc: true }
const NOT_OPTED_OUT: UsPrivacyChoices = { saleOptOut: false, sharingOptOut: false, targetedAdvertisingOptOut: false, gpc: false }

describe('encodeGppHeader', () => {
  it('Fibonacci-codes integers as the GPP spec does (1 → 11, 2 → 011, 6 → 10011)', () => {
    expect([1, 2, 3, 4, 6, 12].map(fibonacci)).toEqual(['11', '011', '0011', '1011', '10011', '101011'])
  })

  it('IAB-04: encodes runs and single ids that @iabgpp/cmpapi decodes back', () => {
    for (const ids of [[], [7], [6, 7], [7, 8], [2, 6, 7, 8], [2, 5, 8, 9, 10, 27]]) {
      expect(new HeaderV1(encodeGppHeader(ids)).getFieldValue('SectionIds')).toEqual(ids)
    }
  })
})

describe('encodeGpp', () => {
  it('IAB-04: reproduces the golden string DBABzw~1YYN~CVQVAAAAAACA.YA (uspv1 + usnat, all opted out, GPC)', () => {
    expect(encodeGpp(['usnat', 'uspv1'], OPTED_OUT).gppString).toBe('DBABzw~1YYN~CVQVAAAAAACA.YA')
  })

  it('IAB-04: sections follow header-id order and @iabgpp/cmpapi encodes the same model to the same string', () => {
    const ours = encodeGpp(['usca', 'usnat'], OPTED_OUT)
    expect(ours.sectionList).toEqual([7, 8])
    const model = new GppModel(ours.gppString)
    expect(model.getSectionIds()).toEqual([7, 8])
    const theirs = new GppModel()
    for (const [section, fields] of Object.entries(ours.parsedSections)) {
      for (const [field, value] of Object.entries(fields)) if (model.hasField(section, field)) theirs.setFieldValue(section, field, value)
    }
    expect(theirs.encode()).toBe(ours.gppString)
  })

  it('IAB-05/IAB-06: usnat after GPC decodes to notices 1, opt-outs 1, MSPA covered 2 and Gpc true', () => {
    const model = new GppModel(encodeGpp(['usnat'], OPTED_OUT).gppString)
    const get = (field: string) => model.getFieldValue('usnat', field)
    expect(get('Version')).toBe(2)
    for (const notice of ['SharingNotice', 'SaleOptOutNotice', 'SharingOptOutNotice', 'TargetedAdvertisingOptOutNotice']) expect(get(notice)).toBe(1)
    for (const opt of ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut']) expect(get(opt)).toBe(1)
    expect(get('SensitiveDataProcessing')).toHaveLength(16)
    expect(get('KnownChildSensitiveDataConsents')).toHaveLength(3)
    expect(get('MspaCoveredTransaction')).toBe(2)
    expect(get('MspaOptOutOptionMode')).toBe(0)
    expect(get('Gpc')).toBe(true)
    expect(get('GpcSegmentType')).toBe(1)
  })

  it('IAB-05: no opt-out decodes to 2 (did not opt out) and Gpc false', () => {
    const model = new GppModel(encodeGpp(['usnat'], NOT_OPTED_OUT).gppString)
    for (const opt of ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut']) expect(model.getFieldValue('usnat', opt)).toBe(2)
    expect(model.getFieldValue('usnat', 'Gpc')).toBe(false)
  })

  it('IAB-05: an MSPA-covered site writes covered transaction 1 with opt-out option mode', () => {
    const model = new GppModel(encodeGpp(['usnat'], { ...NOT_OPTED_OUT, mspaCovered: true }).gppString)
    expect(model.getFieldValue('usnat', 'MspaCoveredTransaction')).toBe(1)
    expect(model.getFieldValue('usnat', 'MspaOptOutOptionMode')).toBe(1)
    expect(model.getFieldValue('usnat', 'MspaServiceProviderMode')).toBe(2)
  })

  it('IAB-05: usca decodes with California field sizes and the GPC subsection', () => {
    const choices = { ...OPTED_OUT, targetedAdvertisingOptOut: false, gpc: false }
    const model = new GppModel(encodeGpp(['usca'], { ...choices, sharingOptOut: false }).gppString)
    const get = (field: string) => model.getFieldValue('usca', field)
    expect(get('SaleOptOutNotice')).toBe(1)
    expect(get('SaleOptOut')).toBe(1)
    expect(get('SharingOptOut')).toBe(2)
    expect(get('SensitiveDataProcessing')).toHaveLength(9)
    expect(get('KnownChildSensitiveDataConsents')).toHaveLength(2)
    expect(get('MspaCoveredTransaction')).toBe(2)
    expect(get('Gpc')).toBe(false)
  })

  it('parsed sections agree with what the decoder reads from the string', () => {
    const ours = encodeGpp(['usnat', 'usca'], { ...OPTED_OUT, sharingOptOut: false })
    const model = new GppModel(ours.gppString)
    for (const [section, fields] of Object.entries(ours.parsedSections)) {
      for (const [field, value] of Object.entries(fields)) {
        if (field === 'GpcSegmentIncluded') continue // not carried in the string
        expect([section, field, model.getFieldValue(section, field)]).toEqual([section, field, value])
      }
    }
  })

  it('IAB-04: every combination of choices and sections round-trips losslessly through @iabgpp/cmpapi', () => {
    const sectionSets: GppSectionName[][] = [['usnat'], ['usca'], ['usnat', 'usca'], ['uspv1', 'usnat', 'usca']]
    for (let bits = 0; bits < 32; bits++) {
      const [saleOptOut, sharingOptOut, targetedAdvertisingOptOut, gpc, mspaCovered] = [0, 1, 2, 3, 4].map((i) => (bits & (1 << i)) !== 0) as boolean[]
      for (const sections of sectionSets) {
        const ours = encodeGpp(sections, {
          saleOptOut: saleOptOut!,
          sharingOptOut: sharingOptOut!,
          targetedAdvertisingOptOut: targetedAdvertisingOptOut!,
          gpc: gpc!,
          mspaCovered: mspaCovered!,
        })
        const model = new GppModel(ours.gppString)
        expect(model.getSectionIds()).toEqual(ours.sectionList)
        for (const [section, fields] of Object.entries(ours.parsedSections)) {
          for (const [field, value] of Object.entries(fields)) if (field !== 'GpcSegmentIncluded') expect(model.getFieldValue(section, field)).toEqual(value)
        }
        expect(model.encode()).toBe(ours.gppString)
      }
    }
  })

  it('an empty section list is a header alone', () => {
    expect(encodeGpp([], NOT_OPTED_OUT)).toEqual({ gppString: 'DBAA', sectionList: [], parsedSections: {} })
  })

  it('picks usnat everywhere in the US and adds usca for California', () => {
    expect(usSectionsFor('US-CA')).toEqual(['usnat', 'usca'])
    expect(usSectionsFor('US-TX')).toEqual(['usnat'])
    expect(usSectionsFor(null)).toEqual(['usnat'])
  })
})
