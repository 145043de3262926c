import { hash } from 'node:crypto'

/** Deterministic JSON: object keys sorted at every level, `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
  return `{${entries.join(',')}}`
}

/** SHA-256 of a UTF-8 string, lower-case hex. */
export function sha256Hex(text: string): string {
  // One-shot `crypto.hash` (Node 20.12+): cheaper than createHash().update().digest() for short texts.
  return hash('sha256', text, 'hex')
}

/** A JSON text, as produced by `JSON.stringify` or by a canonical encoder. */
export type JsonText = string & { readonly __json: true }

/**
 * `JSON.stringify` of a primitive, typed as JSON text. Only strings need the encoder; the rest are spelled out
 * (cheaper, and a record's canonical forms make a few dozen of these calls). A test checks they agree.
 */
export function json(value: string | number | boolean | null): JsonText {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value) as JsonText
    case 'number':
      return (Number.isFinite(value) ? String(value) : 'null') as JsonText
    case 'boolean':
      return (value ? 'true' : 'false') as JsonText
    default:
      return 'null' as JsonText
  }
}

/**
 * The canonical JSON of objects whose keys are known in advance: the keys are sorted once, and each value comes
 * already encoded, so a record's canonical form costs a few string joins instead of a generic walk (which
 * was a visible share of a write's CPU). Gives the same text as `canonicalJson` (a test checks).
 */
export function canonicalObject<K extends string>(keys: readonly K[]): (values: Record<K, JsonText>) => JsonText {
  const sorted = [...keys].sort()
  const prefixes = sorted.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`)
  return (values) => {
    let out = ''
    for (let i = 0; i < sorted.length; i++) out += prefixes[i] + values[sorted[i]!]
    return (out + '}') as JsonText
  }
}
