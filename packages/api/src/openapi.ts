import {
  apiErrorSchema,
  apiKeyCreateSchema,
  configQuerySchema,
  consentExportQuerySchema,
  consentInputSchema,
  consentLogQuerySchema,
  consentReceiptSchema,
  siteConfigSchema,
  siteCreateSchema,
  siteUpdateSchema,
  statsQuerySchema,
  subjectSchema,
  visitorHistoryQuerySchema,
} from '@consentry/shared/schemas'
import { scanRequestSchema, scanResultSchema } from '@consentry/scanner'
import * as z from 'zod'

type Schema = z.ZodType
export interface Operation {
  summary: string
  security?: { bearer: [] }[]
  parameters?: unknown[]
  requestBody?: unknown
  responses: Record<string, unknown>
}

const json = (schema: Schema) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' })
const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema: json(schema) } } })
const ok = (description: string, schema?: Schema) => ({ description, ...(schema ? { content: { 'application/json': { schema: json(schema) } } } : {}) })
const errors = { '4XX': { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } }
const siteParam = { name: 'siteId', in: 'path', required: true, schema: { type: 'string', pattern: '^site_[A-Za-z0-9]{4,64}$' } }

/** Query parameters from a zod object schema, one per property. */
function query(schema: z.ZodObject): unknown[] {
  const js = json(schema) as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }))
}

function admin(op: Operation): Operation {
  return { ...op, security: [{ bearer: [] }], responses: { ...op.responses, ...errors } }
}

/** The parts of the document the docs page reads; the rest is plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  paths: Record<string, Record<string, Operation>>
  [key: string]: unknown
}

/** The OpenAPI 3.1 document of the API, generated from the shared zod schemas. */
export function openApiDocument(): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {
    '/v1/sites/{siteId}/config': {
      get: {
        summary: 'Published configuration for this visitor, jurisdiction from CDN geo headers (or ?country=&region=). Strong ETag; 304 on If-None-Match.',
        parameters: [siteParam, ...query(configQuerySchema)],
        responses: { '200': ok('ConfigResponse'), '304': ok('Not modified'), ...errors },
      },
    },
    '/v1/sites/{siteId}/consentry.js': {
      get: { summary: 'The banner bundle with this visitor’s configuration built in (window.__consentryBootstrap).', parameters: [siteParam, ...query(configQuerySchema)], responses: { '200': ok('JavaScript'), '503': ok('Bundle not built'), ...errors } },
    },
    '/consentry.js': { get: { summary: 'The banner bundle as built.', responses: { '200': ok('JavaScript'), ...errors } } },
    '/v1/consents': {
      post: {
        summary: 'Append a consent record; returns a signed receipt (201, or 200 when the idempotency key was seen). Sec-GPC is recorded (only exactly "1" counts).',
        requestBody: body(consentInputSchema),
        responses: { '201': ok('Receipt', consentReceiptSchema), '200': ok('Receipt of the earlier delivery', consentReceiptSchema), '413': ok('Body too large'), '429': ok('Rate limited (Retry-After)'), ...errors },
      },
      get: { summary: 'A visitor’s own consent history (the visitor id is the secret in the consent cookie).', parameters: query(visitorHistoryQuerySchema), responses: { '200': ok('Records'), ...errors } },
    },
    '/v1/keys': { get: { summary: 'Public Ed25519 key(s) that verify receipts (signature over the Merkle root of the batch a record was committed in; the receipt carries the inclusion proof).', responses: { '200': ok('Keys') } } },
    '/v1/openapi.json': { get: { summary: 'This document.', responses: { '200': ok('OpenAPI 3.1') } } },
    '/v1/admin/sites': {
      get: admin({ summary: 'List the sites this key may access.', responses: { '200': ok('Sites') } }),
      post: admin({ summary: 'Create a site (all-sites key).', requestBody: body(siteCreateSchema), responses: { '201': ok('Site') } }),
    },
    '/v1/admin/sites/{siteId}': {
      get: admin({ summary: 'Read a site.', parameters: [siteParam], responses: { '200': ok('Site') } }),
      patch: admin({ summary: 'Update name, allowed origins or retention.', parameters: [siteParam], requestBody: body(siteUpdateSchema), responses: { '200': ok('Site') } }),
    },
    '/v1/admin/sites/{siteId}/config-versions': {
      get: admin({ summary: 'List published configuration versions.', parameters: [siteParam], responses: { '200': ok('Versions') } }),
      post: admin({ summary: 'Publish an immutable, hashed configuration version.', parameters: [siteParam], requestBody: body(siteConfigSchema), responses: { '201': ok('Version') } }),
    },
    '/v1/admin/sites/{siteId}/config-versions/{versionId}': {
      get: admin({ summary: 'One configuration version with its config.', parameters: [siteParam, { name: 'versionId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok('Version') } }),
    },
    '/v1/admin/sites/{siteId}/consents': {
      get: admin({ summary: 'Consent log: filters and cursor pagination.', parameters: [siteParam, ...query(consentLogQuerySchema)], responses: { '200': ok('{ items, nextCursor }') } }),
    },
    '/v1/admin/sites/{siteId}/consents/export': {
      get: admin({ summary: 'Stream the log as CSV or NDJSON.', parameters: [siteParam, ...query(consentExportQuerySchema)], responses: { '200': ok('Stream') } }),
    },
    '/v1/admin/sites/{siteId}/subjects/export': {
      post: admin({ summary: 'Data subject access: every record of a visitor or external user.', parameters: [siteParam], requestBody: body(subjectSchema), responses: { '200': ok('Records') } }),
    },
    '/v1/admin/sites/{siteId}/subjects/erase': {
      post: admin({ summary: 'Erase a subject: records become tombstones that keep the chain verifiable.', parameters: [siteParam], requestBody: body(subjectSchema), responses: { '200': ok('{ erased }') } }),
    },
    '/v1/admin/sites/{siteId}/verify': { get: admin({ summary: 'Verify the site’s hash chain; reports the first broken link.', parameters: [siteParam], responses: { '200': ok('Report') } }) },
    '/v1/admin/sites/{siteId}/stats': {
      get: admin({ summary: 'Decisions per day, jurisdiction and method, with grant rate per category.', parameters: [siteParam, ...query(statsQuerySchema)], responses: { '200': ok('Stats') } }),
    },
    '/v1/admin/sites/{siteId}/purge': { post: admin({ summary: 'Delete records older than the site’s retention, in batches.', parameters: [siteParam], responses: { '200': ok('{ deleted }') } }) },
    '/v1/admin/sites/{siteId}/scans': {
      post: admin({ summary: 'Start a cookie scan of the site (background job, three passes in headless Chromium); 202 with the queued scan.', parameters: [siteParam], requestBody: body(scanRequestSchema), responses: { '202': ok('Scan') } }),
      get: admin({ summary: 'The site’s scans, newest first, without results.', parameters: [siteParam, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }], responses: { '200': ok('{ scans }') } }),
    },
    '/v1/admin/sites/{siteId}/scans/{scanId}': {
      get: admin({ summary: 'One scan with its result (findings, cookies, storage, requests, proposed declaration, changes).', parameters: [siteParam, { name: 'scanId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok('Scan with result') } }),
    },
    '/v1/admin/keys': { post: admin({ summary: 'Create an admin key (all-sites key); the secret is returned once.', requestBody: body(apiKeyCreateSchema), responses: { '201': ok('Key') } }) },
    '/v1/admin/keys/{keyId}': { delete: admin({ summary: 'Revoke an admin key.', parameters: [{ name: 'keyId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': ok('Revoked') } }) },
  }
  return {
    openapi: '3.1.0' as const,
    info: { title: 'Consentry API', version: '0.1.0', description: 'Proof-of-consent records, site configuration and administration.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: json(apiErrorSchema), ConsentInput: json(consentInputSchema), Receipt: json(consentReceiptSchema), ScanResult: json(scanResultSchema) },
    },
    paths,
  }
}
