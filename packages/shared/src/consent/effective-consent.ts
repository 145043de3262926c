import type { CategoryGrants, CategoryChoices } from './categories'
import type { ConsentState } from './consent-state'
import type { Regime } from './jurisdiction'
import { regimeDefaults } from './decide'
import type { ServiceRef } from './purposes'
import { own, recordOf } from './own'
import { NO_OPT_OUTS, withDnsChoice, type UsOptOuts } from './us-opt-outs'

/** What may run right now, after the stored choice, the live GPC signal and the regime are combined. */
export interface EffectiveConsent {
  categories: CategoryGrants
  /** Every declared service, granted or not. Essential services are always granted. */
  services: Record<string, boolean>
  /** Sale, sharing and targeted advertising are opted out (by the visitor or by GPC). */
  saleOptOut: boolean
  /** Each US opt-out in force: the stored ones plus what a live GPC signal covers here. */
  optOuts: UsOptOuts
  /** A GPC signal is applied on this page load. */
  gpcHonoured: boolean
  /** The visitor has decided; false means the regime's defaults are in force. */
  decided: boolean
}

export interface EffectiveConsentInput {
  stored: ConsentState | null
  /** `navigator.globalPrivacyControl === true` on this page load (or `Sec-GPC: 1`). */
  gpc: boolean
  regime: Regime
  services: readonly ServiceRef[]
  /** Jurisdiction code (`US-NJ`): which opt-outs a live GPC signal covers. Default: the US-wide set. */
  jurisdiction?: string
}

/**
 * Combines stored choice + GPC + regime. GPC always opts out of sale, sharing and targeted advertising,
 * whatever was stored (GPC-08); a stored opt-out is never undone by a later visit without GPC (GPC-09),
 * because `stored.doNotSell` is only cleared by an explicit visitor choice.
 */
export function effectiveConsent(input: EffectiveConsentInput): EffectiveConsent {
  const { stored, gpc, regime } = input
  const decided = stored !== null && stored.method !== 'gpc'
  const base: CategoryChoices = stored?.categories ?? regimeDefaults(regime)
  const saleOptOut = gpc || (stored?.doNotSell ?? false)
  const categories: CategoryGrants = { essential: true, ...base }
  if (saleOptOut) categories.advertising = false
  const services = recordOf(
    input.services.map((service) => {
      if (service.category === 'essential') return [service.id, true] as const
      const granted = own(stored?.services, service.id) ?? base[service.category]
      return [service.id, granted && !(service.category === 'advertising' && saleOptOut)] as const
    }),
  )
  const optOuts = gpc ? withDnsChoice(stored?.optOuts ?? NO_OPT_OUTS, true, input.jurisdiction ?? 'US') : { ...(stored?.optOuts ?? NO_OPT_OUTS) }
  optOuts.sale = saleOptOut
  return { categories, services, saleOptOut, optOuts, gpcHonoured: gpc, decided }
}
