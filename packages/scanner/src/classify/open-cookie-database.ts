import { parse } from 'csv-parse/sync'
import * as z from 'zod'
import type { Category } from '@consentry/shared'
import type { Lifetime } from './catalogue-schema'

/**
 * The Open Cookie Database (jkwakman/Open-Cookie-Database, Apache-2.0): cookie and storage-key names with a
 * platform, category and retention. We never commit a copy; it is read at run time from a path the operator
 * gives (see docs/scanner.md), parsed here and checked entry by entry rather than trusted.
 */

/** The columns of `open-cookie-database.csv`, in its own words. */
export const OCD_COLUMNS = [
  'ID',
  'Platform',
  'Category',
  'Cookie / Data Key name',
  'Domain',
  'Description',
  'Retention period',
  'Data Controller',
  'User Privacy & GDPR Rights Portals',
  'Wildcard match',
] as const

/** The categories the database's own validator accepts, mapped to ours. Anything else is rejected. */
export const OCD_CATEGORY_MAP = {
  Functional: 'functional',
  Personalization: 'functional',
  Analytics: 'analytics',
  Marketing: 'advertising',
  Security: 'essential',
} as const satisfies Record<string, Category>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One row as the CSV has it; the checks its validator makes, plus a name and a 0/1 wildcard. */
export const ocdRowSchema = z.object({
  ID: z.string().regex(UUID, 'must be a UUID'),
  Platform: z.string().trim().min(1, 'must not be empty'),
  Category: z.enum(Object.keys(OCD_CATEGORY_MAP) as [keyof typeof OCD_CATEGORY_MAP], {
    error: `must be one of ${Object.keys(OCD_CATEGORY_MAP).join(', ')} (the database's own validator rejects anything else)`,
  }),
  'Cookie / Data Key name': z.string().trim().min(1, 'must not be empty'),
  Domain: z.string(),
  Description: z.string(),
  'Retention period': z.string(),
  'Data Controller': z.string(),
  'User Privacy & GDPR Rights Portals': z.string(),
  'Wildcard match': z.enum(['0', '1'], { error: 'must be 0 or 1' }),
})

/** A checked entry, in our terms. */
export interface OcdEntry {
  id: string
  platform: string
  category: Category
  /** The category as the database wrote it. */
  sourceCategory: string
  name: string
  match: 'exact' | 'prefix'
  description: string
  /** Parsed from the free-text retention period; null when it cannot be read ("Unknown", "persistent"). */
  lifetime: Lifetime | null
  controller: string
  privacyPolicyUrl: string | null
}

export interface OcdRejection {
  /** 1-based line in the file (the header is line 1). */
  line: number
  id: string
  name: string
  reasons: string[]
}

export interface OcdImport {
  entries: OcdEntry[]
  rejected: OcdRejection[]
  /** Names listed more than once (the validator warns about these); the first entry wins. */
  duplicateNames: string[]
}

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
}
const MAX_LIFETIME = 20 * 365 * 86_400

/** Reads "1 year", "13 months", "30 Days", "session" and the like; null for anything else. */
export function parseRetention(text: string): Lifetime | null {
  const t = text.trim().toLowerCase()
  if (/^(session|end of (the )?(browser )?session|end of session \(browser\)|browser session)$/.test(t)) return 'session'
  const m = /^(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?$/.exec(t)
  if (!m) return null
  const seconds = Math.round(Number(m[1]) * UNIT_SECONDS[m[2]!]!)
  return seconds > 0 ? Math.min(seconds, MAX_LIFETIME) : null
}

const httpUrl = z.url({ protocol: /^https?$/ })

/**
 * Parses and checks the database's CSV. Throws when the header lacks a column (the file is not the database);
 * rows that fail a check are returned in `rejected` with every reason, never silently kept or dropped.
 */
export function importOpenCookieDatabase(csv: string): OcdImport {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: false, bom: true, relax_column_count: true }) as Record<string, string>[]
  const header = Object.keys(rows[0] ?? {})
  const missing = OCD_COLUMNS.filter((c) => !header.includes(c))
  if (rows.length > 0 && missing.length) throw new Error(`not the Open Cookie Database CSV: missing column(s) ${missing.join(', ')}`)
  const entries: OcdEntry[] = []
  const rejected: OcdRejection[] = []
  const seenIds = new Set<string>()
  const seenNames = new Set<string>()
  const duplicates = new Set<string>()
  rows.forEach((row, index) => {
    const line = index + 2
    const parsed = ocdRowSchema.safeParse(row)
    const reasons = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    const id = row.ID ?? ''
    if (seenIds.has(id)) reasons.push('ID: duplicate (IDs must be unique)')
    seenIds.add(id)
    if (!parsed.success || reasons.length) {
      rejected.push({ line, id, name: row['Cookie / Data Key name'] ?? '', reasons })
      return
    }
    const r = parsed.data
    const name = r['Cookie / Data Key name'].trim()
    if (seenNames.has(name)) duplicates.add(name)
    seenNames.add(name)
    const portal = r['User Privacy & GDPR Rights Portals'].trim()
    entries.push({
      id: r.ID,
      platform: r.Platform.trim(),
      category: OCD_CATEGORY_MAP[r.Category],
      sourceCategory: r.Category,
      name,
      match: r['Wildcard match'] === '1' ? 'prefix' : 'exact',
      description: r.Description.trim(),
      lifetime: parseRetention(r['Retention period']),
      controller: r['Data Controller'].trim(),
      privacyPolicyUrl: httpUrl.safeParse(portal).success ? portal : null,
    })
  })
  return { entries, rejected, duplicateNames: [...duplicates] }
}
