import type * as z from 'zod'

// Reads zod schemas as data: for the "did you mean" hint of unknown fields and the generated
// configuration reference. Only the node kinds the configuration uses are known here.

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; shape?: Record<string, z.ZodType> }

/** The zod definition of a schema (zod 4 keeps it on `_zod.def`). */
export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'])

/** The schema under defaults, optionality and pipes. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema
  for (;;) {
    const def = defOf(s)
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType
    else if (def.type === 'pipe' && def.in) s = def.in
    else return s
  }
}

/** The fields of the object found at `path` (array indexes and record keys step into their items), or null. */
export function objectShapeAt(root: z.ZodType, path: readonly PropertyKey[]): Record<string, z.ZodType> | null {
  let s = unwrap(root)
  for (const step of path) {
    const def = defOf(s)
    if (def.type === 'object' && def.shape && typeof step === 'string' && def.shape[step]) s = unwrap(def.shape[step])
    else if (def.type === 'array' && def.element) s = unwrap(def.element)
    else if (def.type === 'record' && def.valueType) s = unwrap(def.valueType)
    else return null
  }
  const def = defOf(s)
  return def.type === 'object' && def.shape ? def.shape : null
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[s.length]![t.length]!
}

/** The known name closest to `key`, when it is close enough to be a typo (at most 1 edit per 3 letters, max 3). */
export function closestName(key: string, known: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Math.min(3, Math.max(1, Math.floor(key.length / 3)))
  for (const name of known) {
    const distance = editDistance(key, name)
    if (distance <= bestDistance && (best === null || distance < bestDistance)) {
      best = name
      bestDistance = distance
    }
  }
  return best
}
