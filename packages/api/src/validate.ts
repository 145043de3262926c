import { formatIssues } from '@consentry/shared/schemas'
import type * as z from 'zod'
import { ApiError } from './errors'

/**
 * The `@hono/zod-validator` hook of every route: a failed parse becomes our 400 whose `details` name each
 * field (`[{ path: 'categories.analytics', message }]`).
 */
export function invalidInput(result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } }): void {
  if (!result.success && result.error) throw new ApiError('invalid_input', undefined, formatIssues(result.error as z.ZodError))
}
