import * as z from 'zod'
import { CONSENT_METHODS } from '../consent/methods'
import {
  externalUserIdSchema,
  httpUrlSchema,
  jurisdictionCodeSchema,
  localeSchema,
  policyRevisionSchema,
  serviceIdSchema,
  siteIdSchema,
  visitorIdSchema,
} from './primitives'

/**
 * The body the banner posts for each decision (`POST /v1/consents`): the contract shared by banner and API.
 * Every category and service is stated explicitly, granted or denied (REC-01). No IP, no user agent (REC-03):
 * the server derives the coarse forms itself.
 */
export const consentInputSchema = z
  .object({
    siteId: siteIdSchema,
    visitorId: visitorIdSchema,
    /** The site's own user id when the visitor is logged in, so GPC and choices apply to the account. */
    externalUserId: externalUserIdSchema.optional(),
    /** HMAC-SHA256 of `externalUserId` under the site's identity secret (hex), made by the site's backend. */
    externalUserProof: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (HMAC-SHA256)')
      .optional(),
    /** Client-generated; a retried delivery with the same key returns the first receipt. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16–64 of A-Z, a-z, 0-9, _ or -'),
    method: z.enum(CONSENT_METHODS),
    categories: z
      .object({
        essential: z.literal(true).optional(),
        functional: z.boolean(),
        analytics: z.boolean(),
        advertising: z.boolean(),
      })
      .strict(),
    services: z.record(serviceIdSchema, z.boolean()).default({}),
    doNotSell: z.boolean(),
    /** Each US opt-out apart (US-02); bodies from older banners omit it and it is read from `doNotSell`. */
    optOuts: z
      .strictObject({ sale: z.boolean(), sharing: z.boolean(), targetedAds: z.boolean(), sensitiveLimit: z.boolean(), profiling: z.boolean() })
      .optional(),
    gpc: z.boolean(),
    policyRevision: policyRevisionSchema,
    /** Id of the published configuration version the banner rendered (what was shown). */
    configVersionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a configuration version id such as cfg_…'),
    locale: localeSchema,
    jurisdiction: jurisdictionCodeSchema.or(z.literal('ZZ')),
    bannerVersion: z.string().regex(/^[A-Za-z0-9.+_-]{1,32}$/, 'must be a version such as 1.4.0 (letters, digits, . + _ -)'),
    /** The page the decision was made on; the query string and fragment are dropped before storing. */
    pageUrl: httpUrlSchema,
    /** Client clock at decision time (UTC ms); the server's own time is what proves when. */
    decidedAt: z.number().int().positive(),
    /** IAB GPP string emitted for this decision, when GPP is on. */
    gppString: z
      .string()
      .max(2048)
      .regex(/^[A-Za-z0-9_~.-]*$/, 'must be a GPP string (base64url sections joined by ~)')
      .optional(),
  })
  .strict()

export type ConsentInput = z.output<typeof consentInputSchema>
