import { randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

// One system call per 8 KiB of randomness instead of one per id: ids and salts are made on every write.
const pool = Buffer.alloc(8192)
let offset = pool.length

function randomSlice(n: number): Buffer {
  if (offset + n > pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const out = pool.subarray(offset, offset + n)
  offset += n
  return out
}

/** `n` random base-36 characters. */
function randomBase36(n: number): string {
  let out = ''
  // 252 = 7 × 36: rejecting bytes above it keeps every character equally likely.
  for (const b of randomSlice(n)) out += ALPHABET[b < 252 ? b % 36 : randomSlice(1)[0]! % 36]
  return out
}

/** `prefix_` + 20 random base-36 characters (~103 bits): `site_…`, `cfg_…`, `key_…` (records: `newRecordId`). */
export function newId(prefix: 'site' | 'cfg' | 'key' | 'scan'): string {
  return `${prefix}_${randomBase36(20)}`
}

/** A random hex string of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomSlice(bytes).toString('hex')
}

/**
 * A consent record id: `cns_` + the receipt time in milliseconds (9 base-36 characters, zero-padded) + 11 random
 * base-36 characters (~56 bits). Same shape as `newId`'s ids, but successive ids sort in time order, so the
 * unique index on ids grows at its end instead of at a random page per insert (fewer pages dirtied per commit).
 */
export function newRecordId(now = Date.now()): string {
  return `cns_${now.toString(36).padStart(9, '0')}${randomBase36(11)}`
}
