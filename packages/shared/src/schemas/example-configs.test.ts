import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { siteConfigSchema } from './site-config'
import { formatIssues } from './format-issues'
import { normalizeLocation, resolveJurisdiction, siteJurisdictionOptions } from '../consent/jurisdiction'

// The starter configurations in examples/configs are what site owners copy first: they must stay valid.
const dir = join(import.meta.dirname, '../../../../examples/configs')
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

describe('example configurations', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
  })

  it.each(files)('%s is a valid site configuration', (file) => {
    const result = siteConfigSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')))
    expect(result.success ? [] : formatIssues(result.error)).toEqual([])
  })

  it.each(files)('EU-09: %s declares a lifetime and party for every cookie', (file) => {
    const config = siteConfigSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))
    for (const service of config.services) {
      expect(service.storage.length, service.id).toBeGreaterThan(0)
      for (const item of service.storage) expect([item.lifetime, item.party]).not.toContain(undefined)
    }
  })

  it('ca-b2b.json: a Canadian B2B site that sells nothing; Quebec opt-in, Ontario its own opt-out rule', () => {
    const config = siteConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'ca-b2b.json'), 'utf8')))
    expect(config.dataPractices.sellsOrShares).toBe(false)
    const at = (country: string, region?: string) => resolveJurisdiction(normalizeLocation(country, region), siteJurisdictionOptions(config))
    expect(at('CA', 'QC')).toMatchObject({ ruleset: 'quebec', regime: 'opt_in' })
    expect(at('CA', 'ON')).toMatchObject({ ruleset: 'canada', regime: 'opt_out', source: 'site_rule' })
    expect(at('US', 'CA')).toMatchObject({ showDoNotSell: false, usPrivacy: true })
    expect(at('FR')).toMatchObject({ regime: 'opt_in' })
  })
})
