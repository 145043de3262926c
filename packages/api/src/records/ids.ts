import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** `prefix_` + 20 random base-36 characters (~103 bits): `site_…`, `cns_…`, `cfg_…`, `key_…`. */
export function newId(prefix: 'site' | 'cns' | 'cfg' | 'key'): string {
  const bytes = randomBytes(20)
  let out = `${prefix}_`
  for (const b of bytes) out += ALPHABET[b % 36]
  return out
}

/** A random hex string of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}
