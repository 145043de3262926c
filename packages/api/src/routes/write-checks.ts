import type { ConsentInput } from '@consentry/shared'
import type { AppContext } from '../context'
import type { SiteRow } from '../db/store'
import { ApiError } from '../errors'
import { sha256Hex } from '../records/canonical'
import { verifyIdentityProof } from '../records/identity-proof'
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

function fieldError(path: string, message: string): ApiError {
  return new ApiError('invalid_input', undefined, [{ path, message }])
}
