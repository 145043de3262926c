/**
 * The appearance values that end up in the banner's stylesheet, as patterns both the zod schema and the banner's
 * guards use, and the banner checks again where a value enters CSS: a value that passes cannot close a string,
 * a declaration or a rule.
 */

/**
 * A CSS `font-family` list: families separated by commas, 200 characters at most. A family is a quoted name (no
 * quotes or backslashes inside) or unquoted identifiers (`Open Sans`, `sans-serif`). Spelled out as a literal (the
 * family twice) so a bundle that does not use it, such as the banner's core, drops it.
 */
export const FONT_LIST =
  /^(?=.{1,200}$) *(?:"[\w -]{1,64}"|'[\w -]{1,64}'|[A-Za-z_-][\w-]*(?: +[A-Za-z_-][\w-]*)*)(?: *, *(?:"[\w -]{1,64}"|'[\w -]{1,64}'|[A-Za-z_-][\w-]*(?: +[A-Za-z_-][\w-]*)*))* *$/

/** `#rgb` or `#rrggbb`. */
export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/

/** Corner radius in CSS pixels. */
export const RADIUS_MAX = 32

export const isFontList = (value: unknown): value is string => typeof value === 'string' && FONT_LIST.test(value)
export const isHexColor = (value: unknown): value is string => typeof value === 'string' && HEX_COLOR.test(value)
export const isRadius = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= RADIUS_MAX
