import * as z from 'zod'
import { TEXT_KEYS } from '../i18n/text-keys'
import { siteConfigSchema } from './site-config'

// The configuration reference (docs/configuration.md), generated from the zod schema through its JSON Schema:
// every field, its type, default, limits and description come from one place.

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes are read field by field, as zod writes them
type Json = Record<string, any>

/** One documented field. */
export interface ReferenceRow {
  /** Dotted path; `[]` steps into array items, `{key}` into record values. */
  path: string
  type: string
  required: boolean
  default: string
  limits: string
  description: string
}

const code = (v: unknown) => `\`${JSON.stringify(v)}\``

function typeOf(node: Json): string {
  if (node.anyOf) return (node.anyOf as Json[]).map(typeOf).join(' or ')
  if (node.const !== undefined) return code(node.const)
  if (node.enum) return (node.enum as unknown[]).map(code).join(', ')
  if (node.type === 'array') return `array of ${typeOf(node.items ?? {})}`
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') {
    const key = node.propertyNames?.enum ? 'text key' : node.propertyNames?.pattern ? 'key' : 'string'
    return `map of ${key} → ${typeOf(node.additionalProperties)}`
  }
  if (node.format === 'uri') return 'URL'
  return String(node.type ?? 'any')
}

function limitsOf(node: Json): string {
  const out: string[] = []
  if (node.minLength !== undefined) out.push(`length ≥ ${node.minLength}`)
  if (node.maxLength !== undefined) out.push(`length ≤ ${node.maxLength}`)
  if (node.minimum !== undefined) out.push(`≥ ${node.minimum}`)
  if (node.exclusiveMinimum !== undefined) out.push(`> ${node.exclusiveMinimum}`)
  if (node.maximum !== undefined) out.push(`≤ ${node.maximum}`)
  if (node.maxItems !== undefined) out.push(`at most ${node.maxItems} items`)
  if (node.pattern) out.push(`matches \`${node.pattern}\``)
  if (node.propertyNames?.pattern) out.push(`keys match \`${node.propertyNames.pattern}\``)
  for (const alt of node.anyOf ?? []) {
    const inner = limitsOf(alt)
    if (inner) out.push(inner)
  }
  return out.join('; ')
}

function walk(node: Json, path: string, required: boolean, rows: ReferenceRow[]): void {
  rows.push({
    path,
    type: typeOf(node),
    required,
    default: node.default === undefined ? '' : code(node.default),
    limits: limitsOf(node),
    description: node.description ?? '',
  })
  children(node, path, rows)
}

function children(node: Json, path: string, rows: ReferenceRow[]): void {
  const prefix = path ? `${path}.` : ''
  if (node.properties) {
    const req = new Set<string>(node.required ?? [])
    for (const [key, child] of Object.entries(node.properties as Record<string, Json>)) walk(child, `${prefix}${key}`, req.has(key), rows)
  }
  if (node.type === 'array' && node.items?.properties) children(node.items, `${path}[]`, rows)
  const values = node.additionalProperties
  if (values && typeof values === 'object' && values.properties) children(values, `${path}.{key}`, rows)
}

/** Every field of the site configuration, in schema order. */
export function configReferenceRows(): ReferenceRow[] {
  const rows: ReferenceRow[] = []
  children(z.toJSONSchema(siteConfigSchema, { io: 'input', unrepresentable: 'any' }) as Json, '', rows)
  return rows
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** docs/configuration.md. */
export function renderConfigReference(): string {
  const rows = configReferenceRows()
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from siteConfigSchema (packages/shared/src/schemas/site-config.ts). Do not edit by hand:',
    '     run `npm run docs:config` after changing the schema. A test fails when this file is out of date. -->',
    '',
    'A site configuration is the JSON you publish with `POST /v1/admin/sites/:siteId/config-versions`, or pass',
    'inline to the banner (`<script type="application/json" data-consentry-config>`). Every object is strict: an unknown field is refused',
    'with a 400 that names its path and, when one is close, the field you probably meant. Defaults apply to fields',
    'you leave out. Examples: `examples/configs/*.json`. Regimes and regions: [regions.md](regions.md); the cookie',
    'declaration: [declaration.md](declaration.md).',
    '',
    '`allowedOrigins` is not part of the configuration: the site record holds the origins CORS allows',
    '(`consentry site create --origin …`, `PATCH /v1/admin/sites/:siteId`). A configuration that still carries it is',
    'refused with a message saying so; remove the field and set the origins on the site.',
    '',
    '| Field | Type | Required | Default | Limits | Description |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.default)} | ${cell(r.limits)} | ${cell(r.description)} |`),
    '',
    '## Text keys',
    '',
    'Keys of `texts.{locale}`: every string the banner, the dialogs and the cookie declaration show.',
    '',
    ...TEXT_KEYS.map((key) => `- \`${key}\``),
    '',
  ]
  return lines.join('\n')
}
