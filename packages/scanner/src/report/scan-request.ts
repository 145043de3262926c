import * as z from 'zod'
import { httpUrlSchema } from '@consentry/shared/schemas'

/** The body of `POST /v1/admin/sites/:siteId/scans`: what to scan and as whom. */
export const scanRequestSchema = z
  .object({
    /** The first page; must be on one of the site's allowed origins. Default: the first allowed origin's root. */
    url: httpUrlSchema.optional(),
    maxPages: z.number().int().min(1).max(50).default(20),
    maxDepth: z.number().int().min(0).max(5).default(3),
    /** Visit as from this country (ISO 3166-1 alpha-2), optionally a region of it. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE')
      .optional(),
    region: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, 'must be a region code such as CA')
      .optional(),
    gpc: z.boolean().default(false),
  })
  .strict()
  .refine((r) => !r.region || r.country, { message: 'needs country', path: ['region'] })

export type ScanRequest = z.output<typeof scanRequestSchema>
