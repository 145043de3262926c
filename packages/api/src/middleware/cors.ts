import type { Context } from 'hono'

/*
 * Cross-origin reads, in one place. Two kinds of resource:
 * - public files and documents (signing keys, banner chunks and translations, the OpenAPI document): any origin;
 * - a site's own resources (its config, consent writes and a visitor's history): only the origins the site lists,
 *   credentialed for the consent endpoints so the API may set the consent cookie on the site's domain.
 */

const ALLOW_ORIGIN = 'Access-Control-Allow-Origin'

/** Lets any origin read this response (no credentials). */
export function allowAnyOrigin(c: Context): void {
  c.header(ALLOW_ORIGIN, '*')
}

/** The headers answering a request from an origin the site allows; credentialed ones name the origin in `Vary`. */
export function siteOriginHeaders(origin: string, credentials: boolean): [string, string][] {
  if (!credentials) return [[ALLOW_ORIGIN, origin]]
  return [
    [ALLOW_ORIGIN, origin],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Vary', 'Origin'],
  ]
}

/** A preflight's answer for the consent endpoints, sent only when some site allows the origin. */
export function consentPreflightHeaders(origin: string): [string, string][] {
  return [
    ...siteOriginHeaders(origin, true).filter(([name]) => name !== 'Vary'),
    ['Access-Control-Allow-Methods', 'GET, POST'],
    ['Access-Control-Allow-Headers', 'Content-Type'],
    ['Access-Control-Max-Age', '600'],
  ]
}
