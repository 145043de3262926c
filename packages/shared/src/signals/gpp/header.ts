import { base64url, fibonacci, fixedInt } from './bits'

/**
 * The GPP header: Type 3, Version 1, then the section ids as a Fibonacci-coded range
 * (a 12-bit group count; each group a single id or a run, as deltas from the previous value).
 * @example encodeGppHeader([6, 7]) // 'DBABzw'
 */
export function encodeGppHeader(sectionIds: readonly number[]): string {
  const ids = [...sectionIds].sort((a, b) => a - b)
  const groups: [number, number][] = []
  for (const id of ids) {
    const last = groups[groups.length - 1]
    if (last && last[1] + 1 === id) last[1] = id
    else groups.push([id, id])
  }
  let bits = fixedInt(3, 6) + fixedInt(1, 6) + fixedInt(groups.length, 12)
  let offset = 0
  for (const [start, end] of groups) {
    bits += start === end ? '0' + fibonacci(start - offset) : '1' + fibonacci(start - offset) + fibonacci(end - start)
    offset = end
  }
  return base64url(bits)
}
