/**
 * Client-made ids that the API indexes: visitor ids and idempotency keys. Both are 128 bits as 32 lowercase hex
 * characters, laid out as UUIDv7 lays out its bits (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then
 * 80 random bits. Uses WebCrypto, present in browsers and Node ≥ 19.
 *
 * Why time first: the API keeps both in B-tree indexes. A uniformly random key lands on a random index page, so
 * once the index outgrows a few pages every new record dirties one more page per index, and that page is written
 * to the journal at commit. A key that starts with the time lands where the previous one did: with a million stored
 * records, the SQLite writer spent about twice as long a record on random ids as on time-ordered ones.
 *
 * An id is still a secret (the visitor id keys a visitor's own history): its 80 random bits are what cannot be
 * guessed; the time it reveals is when the id was made (the visitor's first visit, or a reset), which the site
 * knows anyway.
 */

const TIME_HEX = 12 // 48 bits of milliseconds: enough until the year 10889

/** A time-ordered 128-bit id: ids made in a later millisecond sort after those of an earlier one. */
export function timeOrderedId(): string {
  let out = Date.now().toString(16).padStart(TIME_HEX, '0')
  for (const b of crypto.getRandomValues(new Uint8Array(10))) out += b.toString(16).padStart(2, '0')
  return out
}

/** When a time-ordered id was made (UTC ms). */
export function idTime(id: string): number {
  return parseInt(id.slice(0, TIME_HEX), 16)
}

/**
 * `newVisitorId()`: a fresh visitor id, the secret kept in the consent cookie that keys this browser's records.
 * `newIdempotencyKey()`: a fresh key for one decision; a retried delivery carries the same key and is stored once.
 * Both are the same function under their two names (re-exports, so a bundle holds it once).
 * @example newVisitorId() // '019ad5c3e1f04b9a…' (32 hex chars)
 */
export { timeOrderedId as newVisitorId, timeOrderedId as newIdempotencyKey }
