import type * as z from 'zod'
import { closestName, objectShapeAt } from './schema-walk'

/** One invalid field, by dotted path (`services.2.privacyPolicyUrl`). */
export interface FieldIssue {
  path: string
  message: string
}

/** What makes unknown-field errors helpful: the schema (for "did you mean") and removed fields' replacements. */
export interface IssueHints {
  schema?: z.ZodType
  /** Dotted path → what to write instead. */
  moved?: Readonly<Record<string, string>>
}

/**
 * Flattens zod issues into path + message pairs: the `details` of a 4xx and of a config error.
 * An unknown key becomes one issue at that key's own path, so the error names the offending field, and says
 * which field was probably meant when one is close. A record key its schema refuses (`jurisdiction.rules.UK`) is
 * one issue at that key, in the key schema's own words rather than zod's "Invalid key in record".
 */
export function formatIssues(error: z.ZodError, hints: IssueHints = {}): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      const known = hints.schema ? Object.keys(objectShapeAt(hints.schema, issue.path) ?? {}) : []
      return issue.keys.map((key) => {
        const path = [...at, key].join('.')
        const moved = hints.moved?.[path]
        const close = closestName(key, known)
        const message = moved ?? (close ? `unknown field "${key}" (did you mean "${close}"?)` : `unknown field "${key}"`)
        return { path, message }
      })
    }
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message
    return [{ path: at.join('.') || '(root)', message }]
  })
}
