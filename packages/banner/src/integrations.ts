import type { Texts } from '@consentry/shared'
import type { ConsentSource } from './consent-source'
import type { Parts } from './parts'
import { startCleanup } from './cleanup/index'
import { startGating } from './gating/index'
import { startSignals } from './signals/index'

/**
 * Starts everything that reacts to consent (tag gating, ad-tech signals, cleanup) for one store; `texts` gives the
 * visitor's language for embed placeholders. Returns a function that stops them all.
 */
export function startIntegrations(source: ConsentSource, parts: Pick<Parts, 'us' | 'cleanup' | 'embeds'>, texts: () => Partial<Texts>): () => void {
  // Signals first: each Consent Mode update reaches the dataLayer before the tags it lets run.
  const stops = [startSignals(source, parts), startGating(source, parts, { texts }), startCleanup(source, parts)]
  return () => {
    for (const stop of stops) stop()
  }
}
