import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new per-site identity secret (shown once by the admin API; the site's backend keeps it). */
export function newIdentitySecret(): string {
  return `cis_${randomBytes(32).toString('base64url')}`
}

/**
 * The proof a site's backend gives its page for a signed-in user: HMAC-SHA256 of the user id (UTF-8) under the
 * site's identity secret, lower-case hex. Only the backend holds the secret, so a proof cannot be made up.
 * @example identityProof(process.env.CONSENTRY_IDENTITY_SECRET, user.id) // in the site's backend
 */
export function identityProof(secret: string, externalUserId: string): string {
  return createHmac('sha256', secret).update(externalUserId, 'utf8').digest('hex')
}

/** Whether `proof` is the proof of `externalUserId`, compared in constant time. */
export function verifyIdentityProof(secret: string, externalUserId: string, proof: string): boolean {
  const expected = Buffer.from(identityProof(secret, externalUserId), 'hex')
  const given = Buffer.from(proof, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
