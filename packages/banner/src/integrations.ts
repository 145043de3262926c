import type { Texts } from '@consentry/shared'
import type { ConsentSource } from './consent-source'
import type { Parts } from './parts'
import { startGating } from './gating/index'
import { startSignals } from './signals/index'

/**
 * Starts what must react to consent before the page's other tags run (ad-tech signals, tag gating) for one store;
 * `texts` gives the visitor's language for embed placeholders. Returns a function that stops both.
 */
export function startIntegrations(source: ConsentSource, parts: Pick<Parts, 'us' | 'embeds'>, texts: () => Partial<Texts>): () => void {
  // Signals first: each Consent Mode update reaches the dataLayer before the tags it lets run.
  const stops = [startSignals(source, parts), startGating(source, parts, { texts })]
  return () => {
    for (const stop of stops) stop()
  }
}
