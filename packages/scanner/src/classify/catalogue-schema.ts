import * as z from 'zod'
import { CATEGORIES } from '@consentry/shared'
import { httpUrlSchema, serviceIdSchema } from '@consentry/shared/schemas'

/** A lifetime in seconds, or `session`: the same shape as a declared storage item's. */
export const lifetimeSchema = z.union([
  z.literal('session'),
  z
    .number()
    .int()
    .positive()
    .max(20 * 365 * 86_400),
])

/** A host (`google-analytics.com`, matching its subdomains too), optionally with a path prefix (`www.google.com/recaptcha/`). */
const requestDomainSchema = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}(\/[\w./-]*)?$/, 'must be a host such as example.com, optionally with a path prefix')

/** One cookie or storage key a known service sets. */
export const catalogueItemSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** `prefix` matches every key starting with `name` (`_ga_` matches `_ga_ABC123`). */
    match: z.enum(['exact', 'prefix']).default('exact'),
    kind: z.enum(['cookie', 'local_storage', 'session_storage']).default('cookie'),
    /** Only cookies whose domain is this one or under it (for names as generic as `uid` or `NID`). */
    domain: z
      .string()
      .regex(/^[a-z0-9.-]+$/)
      .optional(),
    lifetime: lifetimeSchema,
    description: z.string().min(1).max(500).optional(),
  })
  .strict()

/** One service of our own catalogue: how to recognise it and what to declare for it. */
export const catalogueServiceSchema = z
  .object({
    id: serviceIdSchema,
    name: z.string().min(1).max(200),
    provider: z.string().min(1).max(200),
    category: z.enum(CATEGORIES),
    purpose: z.string().min(1).max(1000),
    privacyPolicyUrl: httpUrlSchema,
    /** Why the service is strictly necessary; required for essential services, as in a site's configuration. */
    justification: z.string().min(1).max(1000).optional(),
    domains: z.array(requestDomainSchema).max(50),
    storage: z.array(catalogueItemSchema).max(100),
  })
  .strict()
  .refine((s) => s.category !== 'essential' || s.justification, {
    message: 'essential services must say why they are strictly necessary',
    path: ['justification'],
  })
  .refine((s) => s.domains.length + s.storage.length > 0, {
    message: 'a service must be recognisable by a request domain or a storage item',
    path: ['domains'],
  })

/** The whole catalogue: ids unique. */
export const catalogueSchema = z
  .object({ version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), services: z.array(catalogueServiceSchema).min(1) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>()
    c.services.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['services', i, 'id'], message: `duplicate service id "${s.id}"` })
      seen.add(s.id)
    })
  })

export type Catalogue = z.output<typeof catalogueSchema>
export type CatalogueService = z.output<typeof catalogueServiceSchema>
export type CatalogueItem = z.output<typeof catalogueItemSchema>
export type Lifetime = z.output<typeof lifetimeSchema>
