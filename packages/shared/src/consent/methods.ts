/**
 * How a consent state came about. Recorded with every decision as proof of *how* consent was given.
 * - `accept_all` / `reject_all` / `custom`: the visitor used the banner or preferences center
 * - `gpc`: a Global Privacy Control signal was honoured without asking
 * - `dns_link`: the visitor used the "Do Not Sell or Share" control
 * - `withdraw`: the visitor withdrew earlier consent (recorded as a new decision, never a deletion)
 * - `api`: the site's own code called the JavaScript API (e.g. from its account settings page)
 */
export const CONSENT_METHODS = ['accept_all', 'reject_all', 'custom', 'gpc', 'dns_link', 'withdraw', 'api'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]

export function isConsentMethod(value: unknown): value is ConsentMethod {
  return typeof value === 'string' && (CONSENT_METHODS as readonly string[]).includes(value)
}
