import { decide, effectiveConsent, jurisdictionCode, newVisitorId, offeredPurposes, purposesFingerprint } from '@consentry/shared'
import type { ConsentMethod, ConsentState, OfferedPurposes, Picks } from '@consentry/shared'
import type { ConsentChangeCause, ConsentSnapshot, ConsentSource } from './consent-source'
import type { LoadedConfig } from './config/load'
import { readConsentCookie, removeConsentCookie, writeConsentCookie, type CookieOptions } from './cookie-store'

export interface StoreOptions {
  loaded: LoadedConfig
  /** `navigator.globalPrivacyControl === true`, read once for this page load. */
  gpc: boolean
  now?: () => number
}

/** One banner instance's consent state: the cookie is the source of truth, this keeps it in memory. */
export interface ConsentStore extends ConsentSource {
  readonly offered: OfferedPurposes
  readonly purposes: string
  readonly gpc: boolean
  /** Applies a decision: cookie first, then listeners (which queue the record). Returns the decision to record. */
  decide(method: ConsentMethod, picks?: Picks): ConsentState
  /** Forgets the stored decision (deletes the cookie); the banner asks again. */
  reset(): void
}

export function createStore(options: StoreOptions): ConsentStore {
  const { loaded, gpc } = options
  const now = options.now ?? Date.now
  const { config, jurisdiction } = loaded
  const offered = offeredPurposes(config)
  const cookie: CookieOptions = { name: config.consent.cookieName, domain: config.consent.cookieDomain, lifetimeDays: config.consent.lifetimeDays }
  const listeners = new Set<(snapshot: ConsentSnapshot, cause: ConsentChangeCause) => void>()
  let _state = readConsentCookie(cookie.name)
  // Made on the first decision, not at start-up: the random source's first use is slow on a throttled CPU.
  let _visitorId = _state?.visitorId
  let _snapshot: ConsentSnapshot | null = null

  const snapshot = (): ConsentSnapshot =>
    (_snapshot ??= {
      consent: effectiveConsent({ stored: _state, gpc, regime: jurisdiction.regime, services: offered.services, jurisdiction: jurisdictionCode(jurisdiction) }),
      state: _state,
      jurisdiction,
      config,
    })

  const emit = (cause: ConsentChangeCause) => {
    _snapshot = null
    const snap = snapshot()
    for (const fn of [...listeners]) {
      try {
        fn(snap, cause)
      } catch (error) {
        console.warn('[consentry] listener failed', error)
      }
    }
  }

  return {
    offered,
    purposes: purposesFingerprint(offered),
    gpc,
    snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    decide(method, picks) {
      const previous = _state
      const decision = decide({
        method,
        picks,
        previous: _state,
        visitorId: (_visitorId ??= newVisitorId()),
        offered,
        policyRevision: config.policy.revision,
        regime: jurisdiction.regime,
        jurisdiction: jurisdictionCode(jurisdiction),
        gpc,
        now: now(),
      })
      // A GPC opt-out is recorded as its own decision, but it is not the visitor's choice: the stored state keeps
      // their method and date, so the banner neither reappears (GPC-07) nor has its lifetime extended (EU-15).
      _state = method === 'gpc' && previous && previous.method !== 'gpc' ? { ...decision, method: previous.method, decidedAt: previous.decidedAt } : decision
      writeConsentCookie(_state, cookie)
      emit(method === 'gpc' ? 'gpc' : 'decision')
      return decision
    },
    reset() {
      removeConsentCookie(cookie)
      _state = null
      _visitorId = undefined
      emit('reset')
    },
  }
}
