import type { ConsentState, EffectiveConsent, Jurisdiction, SiteConfig } from '@consentry/shared'

/** Why the consent changed: the initial load, a visitor decision, or a signal. */
export type ConsentChangeCause = 'init' | 'decision' | 'gpc' | 'reset'

export interface ConsentSnapshot {
  /** What may run right now. */
  consent: EffectiveConsent
  /** The stored decision, or null before any. */
  state: ConsentState | null
  jurisdiction: Jurisdiction
  config: SiteConfig
}

/**
 * The seam between the banner's per-instance store and everything that reacts to consent
 * (tag gating, Consent Mode, GPP, Meta, UET, cleanup). The store implements it; the rest only reads.
 */
export interface ConsentSource {
  snapshot(): ConsentSnapshot
  /** Called after every change, with the snapshot after it. Returns an unsubscribe function. */
  subscribe(listener: (snapshot: ConsentSnapshot, cause: ConsentChangeCause) => void): () => void
}
