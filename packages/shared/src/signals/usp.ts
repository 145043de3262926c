/** Input of the legacy IAB US Privacy (CCPA) string. */
export interface UspInput {
  /** CCPA applies to this visitor (California). */
  applies: boolean
  /** Opted out of the sale (or sharing) of personal information. */
  optedOut: boolean
}

/**
 * The four-character USP string: version 1, notice given, opted out of sale, LSPA signatory (no).
 * Outside California nothing applies: `1---`.
 * @example encodeUspString({ applies: true, optedOut: true }) // '1YYN'
 */
export function encodeUspString(input: UspInput): string {
  return input.applies ? `1Y${input.optedOut ? 'Y' : 'N'}N` : '1---'
}
