import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configReferenceRows, renderConfigReference } from './config-reference'
import { defOf, unwrap } from './schema-walk'
import { siteConfigSchema } from './site-config'
import type * as z from 'zod'

const FILE = join(import.meta.dirname, '../../../../docs/configuration.md')

/** Every field path of the schema, walked from zod itself (not from the JSON Schema the generator reads). */
function schemaPaths(schema: z.ZodType, path: string, out: string[]): string[] {
  const def = defOf(unwrap(schema))
  if (def.type === 'object' && def.shape) {
    for (const [key, child] of Object.entries(def.shape)) {
      const p = path ? `${path}.${key}` : key
      out.push(p)
      schemaPaths(child, p, out)
    }
  } else if (def.type === 'array' && def.element) schemaPaths(def.element, `${path}[]`, out)
  else if (def.type === 'record' && def.valueType) schemaPaths(def.valueType, `${path}.{key}`, out)
  return out
}

describe('configuration reference (docs/configuration.md)', () => {
  // `npm run docs:config` sets CONSENTRY_WRITE_DOCS=1 to regenerate the file.
  if (process.env.CONSENTRY_WRITE_DOCS === '1') writeFileSync(FILE, renderConfigReference())

  it('is up to date with the schema', () => {
    expect(readFileSync(FILE, 'utf8'), 'docs/configuration.md is stale: run `npm run docs:config`').toBe(renderConfigReference())
  })

  it('lists every field of the schema, each with a description', () => {
    const rows = configReferenceRows()
    const documented = new Set(rows.map((r) => r.path))
    expect(schemaPaths(siteConfigSchema, '', []).filter((p) => !documented.has(p))).toEqual([])
    expect(rows.filter((r) => !r.description).map((r) => r.path)).toEqual([])
  })

  it('covers the fields the issue found missing: justification, the notice regime, every storage field', () => {
    const text = readFileSync(FILE, 'utf8')
    expect(text).toContain('| `services[].justification` |')
    expect(text).toMatch(/`jurisdiction\.defaultRegime` \| `"opt_in"`, `"opt_out"`, `"notice"`/)
    for (const field of ['name', 'match', 'kind', 'domain', 'lifetime', 'description', 'party', 'httpOnly']) {
      expect(text, field).toContain(`| \`services[].storage[].${field}\` |`)
    }
  })
})
