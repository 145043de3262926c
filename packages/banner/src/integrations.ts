import type { EffectiveConsent } from '@consentry/shared'
import type { ConsentSource } from './consent-source'
import type { Parts } from './parts'
import { startCleanup } from './cleanup/index'
import { startGating } from './gating/index'
import { installEarlySignals } from './signals/early'
import { startSignals } from './signals/index'

/**
 * Runs synchronously before any tag (Consent Mode defaults, `__gpp`/`__uspapi` stubs), from the stored choice
 * or null when there is none.
 */
export function installEarly(consent: EffectiveConsent | null, options: { waitForUpdateMs: number }): void {
  installEarlySignals(consent, options)
}

/**
 * Starts everything that reacts to consent (tag gating, ad-tech signals, cleanup) for one store.
 * Returns a function that stops them all.
 */
export function startIntegrations(source: ConsentSource, parts: Pick<Parts, 'us' | 'cleanup' | 'embeds'>): () => void {
  // Signals first: each Consent Mode update reaches the dataLayer before the tags it lets run.
  const stops = [startSignals(source, parts), startGating(source, parts), startCleanup(source, parts)]
  return () => {
    for (const stop of stops) stop()
  }
}
