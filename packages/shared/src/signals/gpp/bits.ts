/** Bit-level primitives of the GPP string format (Consent String Specification, "Data types"). */

/** A fixed-width unsigned integer, most significant bit first. */
export function fixedInt(value: number, width: number): string {
  return value.toString(2).padStart(width, '0').slice(-width)
}

/** Fibonacci coding as GPP uses it: Zeckendorf bits, smallest term first, then a closing `1`. */
export function fibonacci(value: number): string {
  const terms = [1, 2]
  while (terms[terms.length - 1]! + terms[terms.length - 2]! <= value) terms.push(terms[terms.length - 1]! + terms[terms.length - 2]!)
  let out = ''
  for (let i = terms.length - 1; i >= 0; i--) {
    const hit = value >= terms[i]! && value > 0
    if (hit) value -= terms[i]!
    out = (hit ? '1' : '0') + out
  }
  return out.replace(/0+$/, '') + '1'
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Modified base64url: pad to a whole byte, then to a whole sextet, one character per 6 bits, no `=`. */
export function base64url(bits: string): string {
  while (bits.length % 8) bits += '0'
  while (bits.length % 6) bits += '0'
  let out = ''
  for (let i = 0; i < bits.length; i += 6) out += ALPHABET[parseInt(bits.slice(i, i + 6), 2)]
  return out
}
