import type * as z from 'zod'

/** One invalid field, by dotted path (`services.2.privacyPolicyUrl`). */
export interface FieldIssue {
  path: string
  message: string
}

/**
 * Flattens zod issues into path + message pairs: the `details` of a 4xx and of a config error.
 * An unknown key becomes one issue at that key's own path, so the error names the offending field.
 */
export function formatIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: `unknown field "${key}"` }))
    }
    return [{ path: at.join('.') || '(root)', message: issue.message }]
  })
}
