import * as z from 'zod'
import { CATEGORIES, OPTIONAL_CATEGORIES } from '../consent/categories'
import { REGIMES } from '../consent/jurisdiction'
import { TEXT_KEYS } from '../i18n/text-keys'
import { RADIUS_MAX } from '../appearance/css-values'
import { linkIssues } from '../text/links'
import { formatIssues, type FieldIssue } from './format-issues'
import { isIsoCountry } from './iso-countries'
import { fontListSchema, hexColorSchema, httpUrlSchema, localeSchema, policyRevisionSchema, serviceIdSchema, siteIdSchema } from './primitives'

// Every object is strict: a misspelled field is a 400 naming it (and the field probably meant), never a
// silent default. Every field carries its description here: docs/configuration.md is generated from it.

/** One cookie or storage key a service sets: what a visitor sees in the cookie declaration. */
export const storageItemSchema = z.strictObject({
  name: z.string().min(1).max(200).describe('The cookie or storage key as set (`_ga`), or its prefix when `match` is `prefix`.'),
  match: z.enum(['exact', 'prefix']).default('exact').describe('`prefix` matches every key starting with `name` (`_ga_` matches `_ga_ABC123`).'),
  kind: z.enum(['cookie', 'local_storage', 'session_storage']).default('cookie').describe('Where the item is stored.'),
  domain: z.string().max(253).optional().describe("Cookie domain as set (`.example.com`); omitted means the page's host."),
  lifetime: z
    .union([
      z.literal('session'),
      z
        .number()
        .int()
        .positive()
        .max(20 * 365 * 86_400),
    ])
    .describe('Lifetime in seconds (at most 20 years), or `session`. Shown to visitors (Planet49: say how long).'),
  description: z.string().min(1).max(1000).describe('What the item holds, shown in the preferences center and the declaration.'),
  party: z.enum(['first', 'third']).describe('Set by the site itself (`first`) or by another domain (`third`).'),
  httpOnly: z.boolean().default(false).describe('HttpOnly cookies cannot be deleted from script; the banner reports them instead.'),
})

/** A third-party or first-party service (Google Analytics, a YouTube embed, …) inside one category. */
export const serviceSchema = z.strictObject({
  id: serviceIdSchema.describe('Stable id used in markup (`data-consentry-service`), the consent cookie and records.'),
  name: z.string().min(1).max(200).describe('The service as visitors know it (`Google Analytics 4`).'),
  provider: z.string().min(1).max(200).describe('Who runs the service (the legal entity).'),
  category: z.enum(CATEGORIES).describe('The category the service belongs to; optional categories must be enabled in `categories`.'),
  purpose: z.string().min(1).max(1000).describe('What the service is used for, in plain language.'),
  privacyPolicyUrl: httpUrlSchema.describe("The provider's privacy policy."),
  storage: z.array(storageItemSchema).max(100).default([]).describe('Every cookie and storage key the service sets (at most 100).'),
  justification: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('Required for essential services: why the service is strictly necessary (EU-02). Shown in the declaration.'),
})

/** Most cookies and storage keys a configuration declares across all its services. */
export const MAX_STORAGE_ITEMS = 2000
/**
 * Largest configuration, as compact JSON in UTF-8 with its defaults applied: it fits the admin API's 1 MiB body
 * limit with room to spare, so whatever the schema accepts can be published. Per-field limits alone allow ~31 MB.
 */
export const CONFIG_MAX_BYTES = 1000 * 1024

/** A text a visitor reads; may hold links written `[label](https://…)` (https only, no HTML). */
const visitorText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const message of linkIssues(text)) ctx.addIssue({ code: 'custom', message })
    })

const textOverridesSchema = z.partialRecord(z.enum(TEXT_KEYS), visitorText(2000))

/** A person or body to contact (the controller or a GDPR Art. 27 representative). */
const partySchema = z.strictObject({
  name: z.string().min(1).max(200).describe('Legal name.'),
  contact: visitorText(500).optional().describe('Postal or e-mail address, or a contact page; links as `[label](https://…)`.'),
})

/** `CA` or `CA-QC`: an ISO 3166-1 country, optionally with an ISO 3166-2 subdivision. */
const regionKeySchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country (CA) or country-region (CA-QC) code in upper case')
  .refine((code) => isIsoCountry(code.slice(0, 2)), 'must start with an ISO 3166-1 country code')

/** A site's consent configuration: what the banner shows and how consent is kept. */
export const siteConfigSchema = z
  .strictObject({
    siteId: siteIdSchema.describe('The site this configuration belongs to (`site_…`); must match the URL it is published to.'),
    name: z.string().min(1).max(200).describe("The site's name, for the console and exports."),
    controller: partySchema
      .extend({
        representatives: z
          .strictObject({
            eu: partySchema.optional().describe('Representative in the EU (GDPR Art. 27), for controllers outside the EU.'),
            uk: partySchema.optional().describe('Representative in the UK (UK GDPR Art. 27), for controllers outside the UK.'),
          })
          .prefault({})
          .describe('Representatives, shown beside the controller.'),
      })
      .describe('Who is responsible (GDPR Recital 42): shown in the preferences center and the cookie declaration.'),
    policy: z
      .strictObject({
        revision: policyRevisionSchema.describe('Bump to ask everyone again (subject to the refusal and opt-out quiet periods).'),
        url: httpUrlSchema.describe('The privacy policy, linked from the banner and the declaration.'),
      })
      .describe('The privacy policy.'),
    categories: z
      .array(z.enum(OPTIONAL_CATEGORIES))
      .max(3)
      .default([...OPTIONAL_CATEGORIES])
      .describe('Optional categories the site uses; `essential` is always present.'),
    services: z.array(serviceSchema).max(200).default([]).describe('Every service that stores or reads anything in the browser (at most 200).'),
    defaultLocale: localeSchema.default('en').describe("Language used when none of the visitor's languages is available."),
    texts: z
      .record(localeSchema, textOverridesSchema)
      .default({})
      .describe(
        'Per-locale overrides of any built-in string (`{ "en": { "banner.title": "…" } }`). Links as `[label](https://…)`, https only, no HTML: links in the dialogs and the cookie declaration; the first layer shows their labels (it links only the privacy policy).',
      ),
    jurisdiction: z
      .strictObject({
        defaultRegime: z
          .enum(REGIMES)
          .default('opt_in')
          .describe(
            'Fallback regime where neither `rules` nor a built-in rule decides (e.g. Canada outside Quebec, Japan); see docs/regions.md. `opt_in`: nothing optional runs before consent. `opt_out`: optional categories run until the visitor opts out. `notice`: inform only; the banner shows and everything runs.',
          ),
        rules: z
          .record(regionKeySchema, z.enum(REGIMES))
          .default({})
          .describe('Per-site regimes by country (`CA`) or country-region (`CA-QC`); a region beats its country, and both beat the built-in rules.'),
        promptUnderOptOut: z.boolean().default(true).describe('Show the banner under US opt-out rules before a decision (a notice with the same choices).'),
      })
      .prefault({})
      .describe('Which consent regime applies where.'),
    dataPractices: z
      .strictObject({
        sellsOrShares: z
          .boolean()
          .default(true)
          .describe(
            'Whether the site sells or shares personal information (or uses it for cross-context targeted advertising). `false` removes every "Do Not Sell or Share" control, marks sale and sharing not applicable in GPP/USP, and is recorded with each decision; GPC is still honoured.',
          ),
        usesSensitiveInformation: z
          .boolean()
          .default(false)
          .describe(
            'Whether the site uses or discloses sensitive personal information (precise geolocation, health, racial or ethnic origin, and the like) for purposes beyond those California\'s regulations allow without a right to limit (CCPA regulations §7027(m)). `true` gives visitors in California a "Limit the Use of My Sensitive Personal Information" control beside Do Not Sell (and shows `[data-consentry-limit]` links to them); the choice is recorded and sent in GPP (usnat, usca). GPC does not set it: it opts out of sale and sharing only.',
          ),
      })
      .prefault({})
      .describe('What the site does with personal information, as its privacy policy states.'),
    consent: z
      .strictObject({
        lifetimeDays: z
          .number()
          .int()
          .min(1)
          .max(395)
          .default(365)
          .describe("How long a decision lasts before the visitor is asked again; 395 days is CNIL's 13-month ceiling."),
        perServiceChoice: z.boolean().default(true).describe('Let visitors choose per service inside a category.'),
        cookieName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 of A-Z, a-z, 0-9, _ or -')
          .default('consentry')
          .describe('Name of the consent cookie.'),
        cookieDomain: z
          .string()
          .regex(/^\.?[a-z0-9.-]+$/, 'must be a domain such as example.com')
          .max(253)
          .optional()
          .describe("Share the choice across subdomains (`example.com`); omitted means the page's host only."),
        serverCookie: z.boolean().default(false).describe("Ask the API to set the consent cookie too, so Safari's 7-day cap on script cookies does not apply."),
      })
      .prefault({})
      .describe('How a decision is kept.'),
    appearance: z
      .strictObject({
        layout: z.enum(['bar', 'box', 'modal']).default('bar').describe("The first layer's shape."),
        theme: z.enum(['light', 'dark', 'auto']).default('auto').describe("Colour scheme; `auto` follows the visitor's system."),
        accentColor: hexColorSchema.default('#1d4ed8').describe('Colour of buttons and toggles (hex).'),
        radius: z.number().int().min(0).max(RADIUS_MAX).default(8).describe('Corner radius in CSS pixels.'),
        font: fontListSchema.default('system-ui, sans-serif').describe('A CSS font-family list. Restricted characters: it ends up in a stylesheet.'),
        reopenButton: z.boolean().default(true).describe('A small persistent button to reopen the preferences (EU-11).'),
        essentialOnlyNotice: z.boolean().default(true).describe('A site with no optional category shows a notice with one OK button; `false` shows nothing.'),
      })
      .prefault({})
      .describe('How the banner looks.'),
    googleConsentMode: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Send Google Consent Mode v2 defaults and updates.'),
        waitForUpdateMs: z
          .number()
          .int()
          .min(0)
          .max(10_000)
          .default(500)
          .describe('How long Google tags wait for our update when the banner loads asynchronously.'),
        adsDataRedaction: z.boolean().default(true).describe('Redact ad click identifiers while `ad_storage` is denied.'),
        urlPassthrough: z.boolean().default(false).describe('Pass ad click identifiers through URLs while `ad_storage` is denied.'),
      })
      .prefault({})
      .describe('Google Consent Mode.'),
  })
  .superRefine((config, ctx) => {
    const items = config.services.reduce((n, service) => n + service.storage.length, 0)
    if (items > MAX_STORAGE_ITEMS)
      ctx.addIssue({ code: 'custom', path: ['services'], message: `at most ${MAX_STORAGE_ITEMS} storage items across all services (${items} given)` })
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

/**
 * Fields that were removed, by dotted path, with what to do instead: an unknown-field error names them.
 * `allowedOrigins` was stored and never read: CORS follows the site record's list only.
 */
export const MOVED_FIELDS: Readonly<Record<string, string>> = {
  allowedOrigins:
    'allowedOrigins is no longer part of the configuration: set it on the site record (`consentry site create --origin <origin>`, or PATCH /v1/admin/sites/:siteId with {"allowedOrigins": [...]}), the one list CORS follows',
  doNotSell: 'unknown field "doNotSell": to say the site neither sells nor shares personal information, set dataPractices.sellsOrShares to false',
}

/** A configuration's errors, with "did you mean" for misspelled fields and the replacement of removed ones. */
export function siteConfigIssues(error: z.ZodError): FieldIssue[] {
  return formatIssues(error, { schema: siteConfigSchema, moved: MOVED_FIELDS })
}

/** Configuration as written by a site owner (defaults optional). */
export type SiteConfigInput = z.input<typeof siteConfigSchema>
/** Configuration with every default applied: what the banner and API work with. */
export type SiteConfig = z.output<typeof siteConfigSchema>
export type ServiceConfig = z.output<typeof serviceSchema>
export type StorageItem = z.output<typeof storageItemSchema>
