/** Input of the legacy IAB US Privacy (CCPA) string. */
export interface UspInput {
  /** CCPA applies to this visitor (California). */
  applies: boolean
  /** Opted out of the sale (or sharing) of personal information. */
  optedOut: boolean
  /** The site neither sells nor shares: no opt-out notice is owed, and nothing is sold (`1NYN`). */
  saleFree?: boolean
}

/**
 * The four-character USP string: version 1, notice given, opted out of sale, LSPA signatory (no).
 * Outside California nothing applies: `1---`. A sale-free site gave no opt-out notice (N) and sells nothing,
 * which a vendor must read as opted out (Y): `1NYN`, so no downstream party treats the data as for sale.
 * @example encodeUspString({ applies: true, optedOut: true }) // '1YYN'
 */
export function encodeUspString(input: UspInput): string {
  if (!input.applies) return '1---'
  return input.saleFree ? '1NYN' : `1Y${input.optedOut ? 'Y' : 'N'}N`
}
