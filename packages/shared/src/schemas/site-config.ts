import * as z from 'zod'
import { CATEGORIES, OPTIONAL_CATEGORIES } from '../consent/categories'
import { REGIMES } from '../consent/jurisdiction'
import { TEXT_KEYS } from '../i18n/text-keys'
import { RADIUS_MAX } from '../appearance/css-values'
import { fontListSchema, hexColorSchema, httpUrlSchema, localeSchema, originSchema, policyRevisionSchema, serviceIdSchema, siteIdSchema } from './primitives'

/** One cookie or storage key a service sets: what a visitor sees in the cookie declaration. */
export const storageItemSchema = z.object({
  name: z.string().min(1).max(200),
  /** `prefix` matches every key starting with `name` (`_ga_` matches `_ga_ABC123`). */
  match: z.enum(['exact', 'prefix']).default('exact'),
  kind: z.enum(['cookie', 'local_storage', 'session_storage']).default('cookie'),
  /** Cookie domain as set (`.example.com`); omitted means the page's host. */
  domain: z.string().max(253).optional(),
  /** Lifetime in seconds, or `session`. */
  lifetime: z.union([z.literal('session'), z.number().int().positive().max(20 * 365 * 86_400)]),
  description: z.string().min(1).max(1000),
  party: z.enum(['first', 'third']),
  /** HttpOnly cookies cannot be deleted from script; the banner reports them instead. */
  httpOnly: z.boolean().default(false),
})

/** A third-party or first-party service (Google Analytics, a YouTube embed, …) inside one category. */
export const serviceSchema = z.object({
  id: serviceIdSchema,
  name: z.string().min(1).max(200),
  provider: z.string().min(1).max(200),
  category: z.enum(CATEGORIES),
  purpose: z.string().min(1).max(1000),
  privacyPolicyUrl: httpUrlSchema,
  storage: z.array(storageItemSchema).max(100).default([]),
  /** Required for essential services: why the service is strictly necessary (EU-02). */
  justification: z.string().min(1).max(1000).optional(),
})

/** Most cookies and storage keys a configuration declares across all its services. */
export const MAX_STORAGE_ITEMS = 2000
/**
 * Largest configuration, as compact JSON in UTF-8 with its defaults applied: it fits the admin API's 1 MiB body
 * limit with room to spare, so whatever the schema accepts can be published. Per-field limits alone allow ~31 MB.
 */
export const CONFIG_MAX_BYTES = 1000 * 1024

const textOverridesSchema = z.partialRecord(z.enum(TEXT_KEYS), z.string().min(1).max(2000))

/** A site's consent configuration: what the banner shows and how consent is kept. */
export const siteConfigSchema = z
  .object({
    siteId: siteIdSchema,
    name: z.string().min(1).max(200),
    /** Who is responsible (GDPR Recital 42): shown in the preferences center. */
    controller: z.object({ name: z.string().min(1).max(200), contact: z.string().max(500).optional() }),
    /** Origins whose pages may load this configuration and post consents (CORS). */
    allowedOrigins: z.array(originSchema).max(50).default([]),
    policy: z.object({
      /** Bump to ask everyone again (subject to the refusal and opt-out quiet periods). */
      revision: policyRevisionSchema,
      url: httpUrlSchema,
    }),
    /** Optional categories the site uses; essential is always present. */
    categories: z.array(z.enum(OPTIONAL_CATEGORIES)).max(3).default([...OPTIONAL_CATEGORIES]),
    services: z.array(serviceSchema).max(200).default([]),
    defaultLocale: localeSchema.default('en'),
    /** Per-locale overrides of any built-in string. */
    texts: z.record(localeSchema, textOverridesSchema).default({}),
    jurisdiction: z
      .object({
        /** Regime outside the EEA/UK/CH and the US. */
        defaultRegime: z.enum(REGIMES).default('opt_in'),
        /** Show the banner under US opt-out rules before a decision (a notice with the same choices). */
        promptUnderOptOut: z.boolean().default(true),
      })
      .prefault({}),
    consent: z
      .object({
        /** How long a decision lasts before the visitor is asked again; 395 days is CNIL's 13-month ceiling. */
        lifetimeDays: z.number().int().min(1).max(395).default(365),
        /** Let visitors choose per service inside a category. */
        perServiceChoice: z.boolean().default(true),
        cookieName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 of A-Z, a-z, 0-9, _ or -').default('consentry'),
        /** Share the choice across subdomains (`example.com`); omitted means the page's host only. */
        cookieDomain: z.string().regex(/^\.?[a-z0-9.-]+$/, 'must be a domain such as example.com').max(253).optional(),
        /** Ask the API to set the consent cookie too, so Safari's 7-day cap on script cookies does not apply. */
        serverCookie: z.boolean().default(false),
      })
      .prefault({}),
    appearance: z
      .object({
        layout: z.enum(['bar', 'box', 'modal']).default('bar'),
        theme: z.enum(['light', 'dark', 'auto']).default('auto'),
        accentColor: hexColorSchema.default('#1d4ed8'),
        radius: z.number().int().min(0).max(RADIUS_MAX).default(8),
        /** A CSS font-family list. Restricted characters: it ends up in a stylesheet. */
        font: fontListSchema.default('system-ui, sans-serif'),
        /** A small persistent button to reopen the preferences (EU-11). */
        reopenButton: z.boolean().default(true),
        /** A site with no optional category shows a notice with one OK button; `false` shows nothing. */
        essentialOnlyNotice: z.boolean().default(true),
      })
      .prefault({}),
    googleConsentMode: z
      .object({
        enabled: z.boolean().default(true),
        /** How long Google tags wait for our update when the banner loads asynchronously. */
        waitForUpdateMs: z.number().int().min(0).max(10_000).default(500),
        adsDataRedaction: z.boolean().default(true),
        urlPassthrough: z.boolean().default(false),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const items = config.services.reduce((n, service) => n + service.storage.length, 0)
    if (items > MAX_STORAGE_ITEMS) ctx.addIssue({ code: 'custom', path: ['services'], message: `at most ${MAX_STORAGE_ITEMS} storage items across all services (${items} given)` })
    const bytes = utf8Length(JSON.stringify(config))
    if (bytes > CONFIG_MAX_BYTES) {
      // Named after the largest part, where there is most to trim.
      const largest = Object.entries(config).reduce((a, b) => (JSON.stringify(b[1]).length > JSON.stringify(a[1]).length ? b : a))[0]
      ctx.addIssue({ code: 'custom', path: [largest], message: `the configuration is ${bytes} bytes as JSON, more than ${CONFIG_MAX_BYTES}; trim it here` })
    }
    const seen = new Set<string>()
    config.services.forEach((service, index) => {
      if (seen.has(service.id)) ctx.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `duplicate service id "${service.id}"` })
      seen.add(service.id)
      if (service.category !== 'essential' && !config.categories.includes(service.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'category'],
          message: `category "${service.category}" is not enabled in categories`,
        })
      }
      if (service.category === 'essential' && !service.justification) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'justification'],
          message: 'essential services must say why they are strictly necessary',
        })
      }
    })
  })

/** UTF-8 length of a string (a surrogate pair is 4 bytes), without TextEncoder, which this package's types lack. */
function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c < 0xdc00) i++
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3
  }
  return n
}

/** Configuration as written by a site owner (defaults optional). */
export type SiteConfigInput = z.input<typeof siteConfigSchema>
/** Configuration with every default applied: what the banner and API work with. */
export type SiteConfig = z.output<typeof siteConfigSchema>
export type ServiceConfig = z.output<typeof serviceSchema>
export type StorageItem = z.output<typeof storageItemSchema>
