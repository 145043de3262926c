import * as z from 'zod'
import { FONT_LIST, HEX_COLOR } from '../appearance/css-values'

/** `site_` + 4–64 letters or digits. */
export const siteIdSchema = z.string().regex(/^site_[A-Za-z0-9]{4,64}$/, 'must look like site_ followed by 4–64 letters or digits')
/** Service ids are also used in markup (`data-consentry-service`) and in the consent cookie. */
export const serviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1–64 of a-z, 0-9, _ or -, starting with a letter or digit')
export const visitorIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters (128 bits)')
/** BCP 47, simplified: `en`, `pt-BR`, `zh-Hant`. */
export const localeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR')
/** `#rgb` or `#rrggbb`: colours end up in CSS, so nothing but hex is accepted. */
export const hexColorSchema = z.string().regex(HEX_COLOR, 'must be a hex colour such as #1a73e8')
/** A CSS font-family list; it ends up in a stylesheet, so each family is a quoted name or plain identifiers. */
export const fontListSchema = z
  .string()
  .regex(FONT_LIST, 'must be a CSS font-family list such as "Inter", sans-serif (names quoted or plain, separated by commas)')
/** An origin exactly as browsers send it in `Origin`: scheme, host, optional port, nothing else. */
export const originSchema = z
  .string()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'must be an origin such as https://www.example.com (no path, no trailing slash)')
/** No control characters: PostgreSQL refuses NUL in text, and none belongs in a name or an id. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/
/** No lone UTF-16 surrogate: it has no UTF-8 form, so the database would keep U+FFFD in its place. */
const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/

/** Free text that a database keeps exactly as it was sent: printable and well-formed Unicode. */
export const storableText = (schema: z.ZodString) =>
  schema.regex(PRINTABLE, 'must not contain control characters').regex(WELL_FORMED, 'must be well-formed Unicode (no lone surrogates)')

/**
 * The site's own id for a logged-in visitor. Stored text must match what was sent: a record's personal digest is
 * computed from the sent value, and verify would call a record holding U+FFFD instead broken.
 */
export const externalUserIdSchema = storableText(z.string().min(1).max(256))

/**
 * A privacy policy revision, 1 and up. At most 2^31 − 1: records keep it in a 32-bit column (PostgreSQL
 * `integer` refuses more, which failed the whole batch of writes the record was committed with).
 */
export const policyRevisionSchema = z.number().int().min(1).max(2_147_483_647)
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048)
/** Jurisdiction code as recorded: ISO 3166-1 country, ISO 3166-2 region, or ZZ for unknown. */
export const jurisdictionCodeSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country (DE) or region (US-CA) code, or ZZ')
