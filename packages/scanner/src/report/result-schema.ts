import * as z from 'zod'
import { CATEGORIES } from '@consentry/shared'
import { lifetimeSchema } from '../classify/catalogue-schema'

/** The three passes: before any choice, after Reject all, after Accept all. */
export const PASSES = ['before', 'reject', 'accept'] as const
export type Pass = (typeof PASSES)[number]

const categorySchema = z.enum(CATEGORIES)

export const matchSchema = z.object({
  source: z.enum(['declaration', 'catalogue', 'open_cookie_database']),
  category: categorySchema,
  serviceId: z.string().nullable(),
  serviceName: z.string(),
  provider: z.string(),
  lifetime: lifetimeSchema.nullable(),
  description: z.string().nullable(),
  privacyPolicyUrl: z.string().nullable(),
  pattern: z.object({ name: z.string(), match: z.enum(['exact', 'prefix']) }).nullable(),
})

export const classificationSchema = z.object({
  declared: matchSchema.nullable(),
  known: matchSchema.nullable(),
  /** null: unclassified (no source knows it). */
  category: categorySchema.nullable(),
})

/** Who set a cookie: a `Set-Cookie` response header, or a script writing `document.cookie` / `cookieStore`. */
export const setterSchema = z.object({
  pass: z.enum(PASSES),
  via: z.enum(['set-cookie', 'document.cookie', 'cookie-store']),
  /** The response URL for `set-cookie`; the calling script's URL otherwise (the page URL for an inline script). */
  url: z.string().nullable(),
  /** What started that request or script: a script URL, the page (parser), or null when unknown. */
  initiator: z.string().nullable(),
  page: z.string(),
})

export const observedCookieSchema = z.object({
  name: z.string(),
  domain: z.string(),
  path: z.string(),
  /** Expiry in UTC milliseconds; null for a session cookie. */
  expires: z.number().nullable(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.enum(['Strict', 'Lax', 'None']),
  party: z.enum(['first', 'third']),
  passes: z.array(z.enum(PASSES)),
  /** The first page (per pass order) it was seen on. */
  firstSeenOn: z.string(),
  setBy: z.array(setterSchema),
  classification: classificationSchema,
})

export const observedStorageSchema = z.object({
  kind: z.enum(['local_storage', 'session_storage', 'indexed_db']),
  name: z.string(),
  origin: z.string(),
  party: z.enum(['first', 'third']),
  passes: z.array(z.enum(PASSES)),
  firstSeenOn: z.string(),
  /** The script that wrote it (localStorage/sessionStorage), when seen. */
  setBy: z.array(setterSchema.omit({ via: true })),
  classification: classificationSchema,
})

export const thirdPartyRequestSchema = z.object({
  host: z.string(),
  /** The first URL seen per pass, with what started it. */
  samples: z.array(z.object({ pass: z.enum(PASSES), url: z.string(), initiator: z.string().nullable(), page: z.string(), resourceType: z.string() })),
  count: z.number().int(),
  passes: z.array(z.enum(PASSES)),
  classification: classificationSchema,
})

export const FINDING_KINDS = ['before_consent', 'after_reject', 'undeclared', 'declared_not_seen', 'essential_but_tracking'] as const

export const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  /** Stable across scans: used by the change report. */
  key: z.string(),
  subject: z.object({ type: z.enum(['cookie', 'local_storage', 'session_storage', 'indexed_db', 'request']), name: z.string(), domain: z.string().nullable() }),
  category: categorySchema.nullable(),
  page: z.string().nullable(),
  /** The script or request responsible, where known. */
  responsible: z.object({ url: z.string().nullable(), initiator: z.string().nullable(), via: z.string() }).nullable(),
  message: z.string(),
})

export const pageResultSchema = z.object({
  url: z.string(),
  depth: z.number().int(),
  visits: z.array(z.object({ pass: z.enum(PASSES), status: z.number().int().nullable(), error: z.string().nullable(), ms: z.number() })),
})

export const changesSchema = z.object({
  previousScanAt: z.number().nullable(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  newFindings: z.array(z.string()),
})

export const proposedDeclarationSchema = z.object({
  /** The site's configuration with the proposed services merged in (only `services` and `categories` when none was known). */
  config: z.record(z.string(), z.unknown()),
  added: z.array(z.object({ serviceId: z.string(), item: z.string(), kind: z.string(), source: z.enum(['catalogue', 'open_cookie_database']) })),
  /** Seen but known to no source: the owner must describe them; never guessed. */
  unclassified: z.array(z.object({ kind: z.string(), name: z.string(), domain: z.string().nullable(), firstSeenOn: z.string() })),
})

/** The scanner's JSON output (`consentry scan --format json`, and `result` of an API scan). */
export const scanResultSchema = z.object({
  schemaVersion: z.literal(1),
  url: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  options: z.object({
    maxPages: z.number().int(),
    maxDepth: z.number().int(),
    concurrency: z.number().int(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    gpc: z.boolean(),
  }),
  consentry: z.object({ detected: z.boolean(), siteId: z.string().nullable(), cookieName: z.string().nullable(), scriptOrigin: z.string().nullable() }),
  passes: z.array(z.enum(PASSES)),
  pages: z.array(pageResultSchema),
  cookies: z.array(observedCookieSchema),
  storage: z.array(observedStorageSchema),
  requests: z.array(thirdPartyRequestSchema),
  findings: z.array(findingSchema),
  proposed: proposedDeclarationSchema,
  changes: changesSchema.nullable(),
  sources: z.object({
    catalogueVersion: z.string(),
    catalogueServices: z.number().int(),
    openCookieDatabase: z.object({ path: z.string(), entries: z.number().int(), rejected: z.number().int() }).nullable(),
  }),
})

export type ScanResult = z.output<typeof scanResultSchema>
export type ObservedCookie = z.output<typeof observedCookieSchema>
export type ObservedStorage = z.output<typeof observedStorageSchema>
export type ThirdPartyRequest = z.output<typeof thirdPartyRequestSchema>
export type Finding = z.output<typeof findingSchema>
export type Setter = z.output<typeof setterSchema>
export type PageResult = z.output<typeof pageResultSchema>
export type ProposedDeclaration = z.output<typeof proposedDeclarationSchema>
export type Changes = z.output<typeof changesSchema>
