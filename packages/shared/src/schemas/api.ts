import * as z from 'zod'
import { CONSENT_METHODS } from '../consent/methods'
import { externalUserIdSchema, jurisdictionCodeSchema, originSchema, siteIdSchema, storableText, visitorIdSchema } from './primitives'

// API-only schemas: admin bodies, query strings and responses of @consentry/api (the banner needs none).

const name = storableText(z.string().trim().min(1).max(200))
/** Days a record is kept; null keeps records until erased (CA-09 asks for at least 24 months). */
const retentionDays = z.number().int().min(1).max(36_500).nullable()

/** `POST /v1/admin/sites` */
export const siteCreateSchema = z
  .object({ name, allowedOrigins: z.array(originSchema).max(50).default([]), retentionDays: retentionDays.default(null) })
  .strict()

/** `PATCH /v1/admin/sites/:siteId` */
export const siteUpdateSchema = z
  .object({ name: name.optional(), allowedOrigins: z.array(originSchema).max(50).optional(), retentionDays: retentionDays.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field')

/** Path parameter `:siteId`. */
export const siteParamSchema = z.object({ siteId: siteIdSchema })

/** `GET /v1/sites/:siteId/config?country=&region=`: geo overrides for testing. */
export const configQuerySchema = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .optional(),
  region: z
    .string()
    .regex(/^([A-Za-z]{2}-)?[A-Za-z0-9]{1,3}$/, 'must be a subdivision code such as CA or US-CA')
    .optional(),
})

/** Most records one page of a visitor's history holds: a page is read, signed and sent at once. */
export const VISITOR_HISTORY_MAX_PAGE = 200

/** `GET /v1/consents?visitorId=…[&siteId=…][&cursor=…][&limit=…]`: one page, oldest first. */
export const visitorHistoryQuerySchema = z.object({
  visitorId: visitorIdSchema,
  siteId: siteIdSchema.optional(),
  cursor: z
    .string()
    .regex(/^[0-9]{1,16}$/, 'must be a cursor returned by a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(VISITOR_HISTORY_MAX_PAGE).default(50),
})

const timeMs = z.coerce.number().int().min(0).max(8.64e15)

/** Filters of the admin consent log and its exports. */
export const consentFilterQuerySchema = z.object({
  from: timeMs.optional(),
  to: timeMs.optional(),
  visitorId: visitorIdSchema.optional(),
  externalUserId: externalUserIdSchema.optional(),
  jurisdiction: jurisdictionCodeSchema.or(z.literal('ZZ')).optional(),
  method: z.enum(CONSENT_METHODS).optional(),
})

/** `GET /v1/admin/sites/:siteId/consents`: filters plus an opaque cursor. */
export const consentLogQuerySchema = consentFilterQuerySchema.extend({
  cursor: z
    .string()
    .regex(/^[0-9]{1,16}$/, 'must be a cursor returned by a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

/** `GET /v1/admin/sites/:siteId/consents/export` */
export const consentExportQuerySchema = consentFilterQuerySchema.extend({ format: z.enum(['csv', 'ndjson']).default('ndjson') })

/** Data subject requests: one of the visitor id or the site's own user id. */
export const subjectSchema = z
  .object({ visitorId: visitorIdSchema.optional(), externalUserId: externalUserIdSchema.optional() })
  .strict()
  .refine((v) => v.visitorId !== undefined || v.externalUserId !== undefined, { message: 'give visitorId or externalUserId', path: ['visitorId'] })

/** `GET /v1/admin/sites/:siteId/stats?from=&to=` (default: the last 30 days). */
export const statsQuerySchema = z.object({ from: timeMs.optional(), to: timeMs.optional() })

/** `POST /v1/admin/keys`: a key for some sites, or every site (`sites` omitted; needs an all-sites key). */
export const apiKeyCreateSchema = z.object({ label: name, siteIds: z.array(siteIdSchema).min(1).max(100).optional() }).strict()

/** `POST /v1/admin/session`: sign in to the console with an admin key, or a one-time sign-in link's token. */
export const sessionCreateSchema = z.union([
  z.object({ key: z.string().min(1).max(200) }).strict(),
  z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be a sign-in link token') }).strict(),
])

/** `DELETE /v1/admin/sites/:siteId`: the site's id typed again, so a slip cannot delete a site. */
export const siteDeleteSchema = z.object({ confirm: siteIdSchema }).strict()

/** The receipt of `POST /v1/consents` (see `ConsentReceipt`). */
export const consentReceiptSchema = z.object({
  id: z.string(),
  receivedAt: z.number().int(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string(),
  keyId: z.string(),
  proof: z.object({
    treeSize: z.number().int().min(1),
    leafIndex: z.number().int().min(0),
    path: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
    root: z.string().regex(/^[0-9a-f]{64}$/),
  }),
})

/** `{ error: { code, message, details } }` */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
})

export type SiteCreate = z.output<typeof siteCreateSchema>
export type SiteUpdate = z.output<typeof siteUpdateSchema>
export type SessionCreate = z.output<typeof sessionCreateSchema>
export type ConsentLogQuery = z.output<typeof consentLogQuerySchema>
