import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { ConfigError, withDefaults } from './defaults'
import { SITE } from '../testing/site'

const EXAMPLES = join(import.meta.dirname, '../../../../examples/configs')

describe('withDefaults', () => {
  it('fills exactly the defaults the zod schema fills, for a minimal config', () => {
    const minimal = { siteId: 'site_min0001', name: 'Min', controller: { name: 'Min Ltd' }, policy: { revision: 1, url: 'https://min.example/p' } }
    expect(withDefaults(minimal)).toEqual(siteConfigSchema.parse(minimal))
  })

  it('agrees with the schema on the test site and every example configuration', () => {
    expect(withDefaults(SITE)).toEqual(siteConfigSchema.parse(SITE))
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
      const raw = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as unknown
      expect(withDefaults(raw), file).toEqual(siteConfigSchema.parse(raw))
    }
  })

  it('names the missing or invalid field', () => {
    expect(() => withDefaults({ ...SITE, policy: { url: 'https://x.example' } })).toThrow(/config\.policy\.revision/)
    expect(() => withDefaults({ ...SITE, appearance: { accentColor: 'red;}' } })).toThrow(ConfigError)
    expect(() => withDefaults({ ...SITE, appearance: { font: 'x};body{display:none' } })).toThrow(/appearance\.font/)
    expect(() => withDefaults('nope')).toThrow(ConfigError)
  })
})
