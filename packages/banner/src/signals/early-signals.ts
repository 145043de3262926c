import { consentModeState, type EffectiveConsent } from '@consentry/shared'
import { cmpApi } from './cmp-api'
import { fbq, gtag, uet, type SignalWindow } from './vendors'
import { remember } from './last-state'

export interface EarlySignalsOptions {
  /** How long Google tags wait for the `update` (Consent Mode `wait_for_update`), ms. */
  waitForUpdateMs: number
}

const NOTHING: Pick<EffectiveConsent, 'categories' | 'saleOptOut'> = {
  categories: { essential: true, functional: false, analytics: false, advertising: false },
  saleOptOut: false,
}

/**
 * Runs first, synchronously, before any tag: Consent Mode defaults for all seven types (from the stored choice,
 * or denied when there is none; security storage is essential and always granted), `ads_data_redaction` while
 * ad storage is denied, Meta `fbq('consent', …)` and UET's default ahead of their init, and the `__gpp`/`__uspapi` stubs.
 * @example installEarlySignals(null, { waitForUpdateMs: 500 })
 */
export function installEarlySignals(consent: EffectiveConsent | null, options: EarlySignalsOptions): void {
  const w = window as SignalWindow
  const state = consentModeState(consent ?? NOTHING)
  gtag(w, 'consent', 'default', { ...state, wait_for_update: options.waitForUpdateMs })
  if (state.ad_storage === 'denied') gtag(w, 'set', 'ads_data_redaction', true)
  fbq(w, 'consent', state.ad_storage === 'granted' ? 'grant' : 'revoke')
  uet(w, 'default', state.ad_storage)
  cmpApi(w)
  remember(w, state)
}
