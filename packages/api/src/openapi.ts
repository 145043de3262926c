import { apiErrorSchema } from '@consentry/shared/schemas'
import type { Hono, MiddlewareHandler } from 'hono'
import type { AppEnv } from './context'
import { ALLOWED_METHODS, describeRoute, generateSpecs, resolver, type DescribeRouteOptions, type ResponsesWithResolver } from 'hono-openapi'
import type * as z from 'zod'

/*
 * The OpenAPI 3.1 document is generated from the routes themselves (hono-openapi reads `app.routes`):
 * - every route states what it does with `operation(summary, responses)` before its handler;
 * - its input comes from the `validate(target, schema)` middlewares it already has (`../validate`);
 * - a body a handler parses itself is stated with `requestBody(schema)`, a response with `ok(description, schema?)`.
 * `openapi.test.ts` fails when the app answers a route the document does not describe.
 * @example .get('/v1/keys', operation('Public signing keys.', { 200: ok('Keys') }), (c) => …)
 */

/** The route's OpenAPI operation, placed before its handler; it does nothing at request time. */
export function operation(
  summary: string,
  responses: ResponsesWithResolver,
  more: Omit<DescribeRouteOptions, 'summary' | 'responses'> = {},
): MiddlewareHandler {
  return describeRoute({ summary, responses, ...more })
}

/** A response; with a schema, its JSON body. */
export function ok(description: string, schema?: z.ZodType): ResponsesWithResolver[string] {
  return schema ? { description, content: { 'application/json': { schema: resolver(schema) } } } : { description }
}

/** A JSON request body the handler parses itself (rather than through `validate('json', …)`). */
export function requestBody(schema: z.ZodType): DescribeRouteOptions['requestBody'] {
  return { required: true, content: { 'application/json': { schema: resolver(schema) } } }
}

const ERROR = {
  description: 'Error: `{ "error": { "code", "message", "details" } }`',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
}

/** Every route may answer an error; admin routes need a key (placed on `/v1/admin/*` in `app.ts`). */
export const adminDescription: MiddlewareHandler = describeRoute({ security: [{ bearer: [] }], responses: { '401': ERROR, '403': ERROR } })

/** An operation as the docs page reads it. */
export interface Operation {
  summary?: string
  security?: unknown[]
  parameters?: { name: string; in: string; required?: boolean }[]
  requestBody?: unknown
  responses: Record<string, { description?: string }>
}

/** The parts of the document the docs page reads; the rest is plain JSON. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  [key: string]: unknown
}

/** The OpenAPI 3.1 document of an app, from its routes' descriptions and validators. */
export async function openApiDocument(app: Hono<AppEnv>): Promise<OpenApiDocument> {
  const errorSchema = (await resolver(apiErrorSchema).toOpenAPISchema()).schema
  const everyMethod = Object.fromEntries(ALLOWED_METHODS.map((m) => [m, { responses: { '4XX': ERROR } }]))
  const doc = await generateSpecs(app, {
    documentation: {
      info: { title: 'Consentry API', version: '0.1.0', description: 'Proof-of-consent records, site configuration and administration.' },
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { Error: errorSchema },
      },
    },
    // Every route is described, the static-looking ones (`/consentry.js`) and preflights included.
    excludeStaticFile: false,
    excludeMethods: [],
    defaultOptions: everyMethod,
    defaultValidationErrorResponse: { ...ERROR, description: 'Invalid input: `details` names each field' },
  })
  // hono-openapi merges a path's context (`adminDescription`) into each middleware of a route: once is enough.
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops ?? {})) {
      if (op && typeof op === 'object' && 'security' in op && Array.isArray(op.security))
        op.security = [...new Map(op.security.map((s) => [JSON.stringify(s), s])).values()]
    }
  }
  return doc as unknown as OpenApiDocument
}
