import type * as z from 'zod'

/** One invalid field, by dotted path (`services.2.privacyPolicyUrl`). */
export interface FieldIssue {
  path: string
  message: string
}

/** Flattens zod issues into path + message pairs: the `details` of a 4xx and of a config error. */
export function formatIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
}
