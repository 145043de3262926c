import type { ConsentInput, SiteConfig } from '@consentry/shared'
import type { AppContext } from '../context'
import type { ConfigVersionRow, SiteRow } from '../db/store'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { verifyIdentityProof } from '../records/identity-proof'
import { visitorLocation } from './config-response'
import type { WriteRequest } from './consent-write'

/**
 * Whether the write's `externalUserId` is proven; throws 400 when one is given without a valid proof. An id is
 * accepted only with the HMAC the site's backend made with the site's identity secret, so nobody can plant
 * records (a `withdraw`, say) in a signed-in user's data-subject export.
 */
export function checkIdentity(site: SiteRow, input: ConsentInput): boolean {
  if (input.externalUserId === undefined) {
    if (input.externalUserProof !== undefined) throw fieldError('externalUserProof', 'is given without externalUserId')
    return false
  }
  if (site.identitySecret === null) {
    throw fieldError('externalUserId', 'is accepted only with a proof, and this site has no identity secret (POST /v1/admin/sites/:siteId/identity-secret)')
  }
  if (input.externalUserProof === undefined || !verifyIdentityProof(site.identitySecret, input.externalUserId, input.externalUserProof)) {
    throw fieldError('externalUserProof', "must be the HMAC-SHA256 of externalUserId under the site's identity secret")
  }
  return true
}

/**
 * A write without an `Origin` header comes from no browser page (a server-side client, a script): it must carry
 * an admin API key for the site (`Authorization: Bearer …`), or it is refused with 401.
 */
export async function requireServerKey(ctx: AppContext, req: Pick<WriteRequest, 'header'>, site: SiteRow): Promise<void> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1]
  const message = 'A write without an Origin header (a server-side client) needs an API key for this site: Authorization: Bearer <key>.'
  if (!token) throw new ApiError('unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' })
  const key = await ctx.store.findApiKeyBySecretHash(sha256Hex(token))
  if (!key || key.revokedAt !== null) throw new ApiError('unauthorized', 'This API key is unknown or revoked.', undefined, { 'WWW-Authenticate': 'Bearer' })
  if (key.siteIds !== null && !key.siteIds.includes(site.id)) throw new ApiError('forbidden')
}

/** How far a browser's clock may run ahead of ours, or a decision precede its configuration's publication. */
export const CLOCK_SKEW_MS = 10 * 60_000

/**
 * Refuses what the client states that cannot be true, each with a 400 naming the field: a policy revision other
 * than the one of the configuration version named, a `reject_all` that grants a category, a decision dated in
 * the future or before the configuration it names was published. (A jurisdiction may legitimately differ from
 * the server's view, a VPN or a trip: both are kept, not refused.)
 */
export function checkStatedFacts(input: ConsentInput, shown: { config: SiteConfig; version: ConfigVersionRow }, now = Date.now()): void {
  const revision = shown.config.policy.revision
  if (input.policyRevision !== revision)
    throw fieldError('policyRevision', `must be ${revision}, the policy revision of configuration version ${input.configVersionId}`)
  if (input.method === 'reject_all') {
    const granted = (['functional', 'analytics', 'advertising'] as const).filter((c) => input.categories[c])
    if (granted.length > 0) throw fieldError(`categories.${granted[0]}`, 'cannot be granted by reject_all')
  }
  if (input.decidedAt > now + CLOCK_SKEW_MS) throw fieldError('decidedAt', "is in the future by the server's clock")
  if (input.decidedAt < shown.version.createdAt - CLOCK_SKEW_MS) throw fieldError('decidedAt', 'is before the configuration version it names was published')
}

/** The jurisdiction the server sees from its CDN's geo headers (`US-CA`, `DE`), or null without them. */
export function serverJurisdiction(header: (name: string) => string | undefined): string | null {
  const { country, region } = visitorLocation({}, header)
  return region ?? country
}

function fieldError(path: string, message: string): ApiError {
  return new ApiError('invalid_input', undefined, [{ path, message }])
}
