/**
 * @consentry/shared/schemas — zod schemas for configuration and the HTTP contract.
 * Kept apart from the root entry so the banner never bundles zod.
 */

// Site configuration
export { siteConfigSchema, serviceSchema, storageItemSchema, siteConfigIssues, MOVED_FIELDS, MAX_STORAGE_ITEMS, CONFIG_MAX_BYTES } from './site-config'
export type { SiteConfig, SiteConfigInput, ServiceConfig, StorageItem } from './site-config'

// Consent records (the POST /v1/consents body)
export { consentInputSchema } from './consent-record'
export type { ConsentInput } from './consent-record'

// Building blocks
export {
  siteIdSchema,
  serviceIdSchema,
  visitorIdSchema,
  localeSchema,
  hexColorSchema,
  originSchema,
  httpUrlSchema,
  jurisdictionCodeSchema,
} from './primitives'

// Errors
export { formatIssues } from './format-issues'
export type { FieldIssue, IssueHints } from './format-issues'
export { unwrap, defOf, objectShapeAt, closestName, editDistance } from './schema-walk'
export { isIsoCountry } from './iso-countries'

// API-only schemas (admin bodies, query strings, receipts): owned by @consentry/api
export {
  siteCreateSchema,
  siteUpdateSchema,
  siteParamSchema,
  configQuerySchema,
  visitorHistoryQuerySchema,
  VISITOR_HISTORY_MAX_PAGE,
  consentFilterQuerySchema,
  consentLogQuerySchema,
  consentExportQuerySchema,
  subjectSchema,
  statsQuerySchema,
  apiKeyCreateSchema,
  sessionCreateSchema,
  siteDeleteSchema,
  consentReceiptSchema,
  apiErrorSchema,
} from './api'
export type { SiteCreate, SiteUpdate, ConsentLogQuery } from './api'
