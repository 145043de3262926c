/**
 * US opt-outs, kept apart (CONFORMANCE US-02): state laws and the GPP sections name sale, sharing (California's
 * cross-context behavioural advertising), targeted advertising, limiting the use of sensitive data and profiling
 * as separate rights. One "Do Not Sell or Share" choice, or a GPC signal, sets several of them.
 */
export const US_OPT_OUTS = ['sale', 'sharing', 'targetedAds', 'sensitiveLimit', 'profiling'] as const
export type UsOptOut = (typeof US_OPT_OUTS)[number]
export type UsOptOuts = Record<UsOptOut, boolean>

export const NO_OPT_OUTS: Readonly<UsOptOuts> = { sale: false, sharing: false, targetedAds: false, sensitiveLimit: false, profiling: false }

/**
 * What one "Do Not Sell or Share" choice (or GPC) opts out of where the visitor is: sale, sharing and targeted
 * advertising everywhere in the US (the control's title names sale and sharing; every state with an opt-out
 * right pairs sale with targeted advertising), plus profiling in New Jersey and Minnesota. Never the sensitive-data
 * limit: California gives that its own link.
 * @example dnsOptOuts('US-NJ') // ['sale', 'sharing', 'targetedAds', 'profiling']
 */
export function dnsOptOuts(jurisdiction: string): UsOptOut[] {
  // New Jersey's and Minnesota's universal opt-out covers profiling in furtherance of decisions too (CONFORMANCE §1.3).
  const set: UsOptOut[] = ['sale', 'sharing', 'targetedAds']
  if (jurisdiction === 'US-NJ' || jurisdiction === 'US-MN') set.push('profiling')
  return set
}

/** `base` with every opt-out the DNS choice covers set to `on`. */
export function withDnsChoice(base: Readonly<UsOptOuts>, on: boolean, jurisdiction: string): UsOptOuts {
  const out = { ...base }
  for (const key of dnsOptOuts(jurisdiction)) out[key] = on
  return out
}
