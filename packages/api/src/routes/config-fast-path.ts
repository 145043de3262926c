import type { AppContext } from '../context'
import { matchesIfNoneMatch } from '../middleware/content-encoding'
import { corsHeaders, RenderedConfigs, representationFor, visitorLocation, type HeaderRecord } from './config-response'

/** The rule of `siteIdSchema` (`@consentry/shared/schemas`), compiled once; a test checks they agree. */
export const SITE_ID = /^site_[A-Za-z0-9]{4,64}$/
const PREFIX = '/v1/sites/'
const SUFFIX = '/config'
const NO_QUERY = {}

/** A complete config response, precomputed: the routed handler would send exactly this. */
export interface CachedAnswer {
  status: 200 | 304
  headers: HeaderRecord
  body: string | Buffer | null
}

/** Looks up the answer to `GET <path>` (path and query as sent) with the request's headers by lower-case name. */
export type CachedConfigRead = (path: string, header: (name: string) => string | undefined) => CachedAnswer | undefined

/**
 * Answers `GET /v1/sites/:siteId/config` from the caches when it can: a plain path (no query, no percent-encoding,
 * no dot segments), a site and a rendered body both cached and fresh. Anything else is undefined and takes the
 * routed handler, which validates, loads, renders and fills the caches. Tests compare both answers.
 */
export function cachedConfigRead(ctx: AppContext): CachedConfigRead {
  return (path, header) => {
    const siteId = configSiteId(path)
    if (siteId === undefined) return undefined
    const site = ctx.sites.fresh(siteId)
    if (!site?.publishedVersionId) return undefined
    const location = visitorLocation(NO_QUERY, header)
    const entry = ctx.configs.fresh(RenderedConfigs.key(site.publishedVersionId, location.country, location.region), Date.now())
    if (!entry) return undefined
    const chosen = representationFor(entry, header('accept-encoding'))
    const origin = header('origin')
    const headers = origin && site.allowedOrigins.includes(origin) ? corsHeaders(chosen, origin) : chosen.headers
    if (matchesIfNoneMatch(header('if-none-match'), chosen.etag)) return { status: 304, headers: headers.notModified, body: null }
    return { status: 200, headers: headers.ok, body: chosen.body }
  }
}

/** The site id of a `/v1/sites/<id>/config` request target with nothing after it. */
export function configSiteId(path: string): string | undefined {
  if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) return undefined
  const id = path.slice(PREFIX.length, path.length - SUFFIX.length)
  return SITE_ID.test(id) ? id : undefined
}
