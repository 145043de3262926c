import { CONSENT_MODE_TYPES, consentModeState, type ConsentModeState } from '@consentry/shared'
import type { ConsentChangeCause, ConsentSnapshot, ConsentSource } from '../consent-source'
import { cmpApi } from './cmp-api'
import { NOT_APPLICABLE } from './cmp-api'
import { withPart, type Parts } from '../parts'
import { lastSent, remember } from './last-state'
import { fbq, gtag, uet, type SignalWindow } from './vendors'

/** The GTM `dataLayer` event pushed after every consent change (and once at start). */
export const CONSENT_EVENT = 'consentry_consent_update'

const same = (a: ConsentModeState, b: ConsentModeState) => CONSENT_MODE_TYPES.every((type) => a[type] === b[type])

/**
 * Tells every vendor about each consent change: one Consent Mode `update` per decision (all seven types),
 * a GTM event, Meta `fbq('consent', …)`, UET `update`, and fresh GPP sections and USP string (their encoders
 * from `parts.us`, under US jurisdictions only). Returns a stop function.
 * @example const stop = startSignals(store, BUNDLED)
 */
export function startSignals(source: ConsentSource, parts: Pick<Parts, 'us'>): () => void {
  const w = window as SignalWindow
  const cmp = cmpApi(w)
  const apply = (snapshot: ConsentSnapshot, cause: ConsentChangeCause) => {
    const { consent, config } = snapshot
    const gcm = config.googleConsentMode
    const state = consentModeState(consent)
    const before = lastSent(w)
    const changed = !before || !same(before, state)
    if (gcm.enabled && (cause === 'decision' || changed)) {
      // Without the early script-tag path nothing set a default yet, so this first state is the default.
      gtag(w, 'consent', before ? 'update' : 'default', state)
      if (gcm.adsDataRedaction) gtag(w, 'set', 'ads_data_redaction', state.ad_storage === 'denied')
    }
    if (cause === 'init' && gcm.urlPassthrough) gtag(w, 'set', 'url_passthrough', true)
    if (cause === 'decision' || !before || before.ad_storage !== state.ad_storage) {
      fbq(w, 'consent', state.ad_storage === 'granted' ? 'grant' : 'revoke')
      uet(w, before ? 'update' : 'default', state.ad_storage)
    }
    remember(w, state)
    ;(w.dataLayer ??= []).push({
      event: CONSENT_EVENT,
      consentry: {
        cause,
        decided: consent.decided,
        categories: consent.categories,
        services: consent.services,
        saleOptOut: consent.saleOptOut,
        gpc: consent.gpcHonoured,
        consentMode: state,
      },
    })
    // Outside the US no GPP section applies and no encoder is needed; in the US they load once, in order.
    if (snapshot.jurisdiction.location.country !== 'US') cmp._publish(NOT_APPLICABLE)
    else
      withPart(
        parts.us(),
        (us) => {
          us.bridge(w)
          cmp._publish(us.usCmpData(snapshot))
        },
        'US privacy signals',
      )
  }
  apply(source.snapshot(), 'init')
  // The banner announces its views (`consentry:show` / `consentry:hide`, detail.view) on the document.
  const open = new Set<string>()
  const onView = (event: Event) => {
    const view = (event as CustomEvent<{ view?: string }>).detail?.view ?? ''
    if (event.type === 'consentry:show') open.add(view)
    else open.delete(view)
    cmp._display(open.size ? 'visible' : 'hidden')
  }
  document.addEventListener('consentry:show', onView)
  document.addEventListener('consentry:hide', onView)
  const unsubscribe = source.subscribe(apply)
  return () => {
    unsubscribe()
    document.removeEventListener('consentry:show', onView)
    document.removeEventListener('consentry:hide', onView)
  }
}
