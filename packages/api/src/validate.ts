import { formatIssues } from '@consentry/shared/schemas'
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import { resolver, uniqueSymbol } from 'hono-openapi'
import type * as z from 'zod'
import { ApiError } from './errors'

/**
 * The `@hono/zod-validator` hook of every route: a failed parse becomes our 400 whose `details` name each
 * field (`[{ path: 'categories.analytics', message }]`).
 */
export function invalidInput(result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } }): void {
  if (!result.success && result.error) throw new ApiError('invalid_input', undefined, formatIssues(result.error as z.ZodError))
}

/**
 * A route's input check: `zValidator` with our 400, marked so the OpenAPI document lists the schema as the
 * route's body, query or path parameters (hono-openapi's marker, as its own `validator` sets it).
 * @example .get('/v1/sites/:siteId/config', validate('param', siteParamSchema), (c) => c.req.valid('param'))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const middleware = zValidator(target, schema, invalidInput)
  Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } })
  return middleware
}
