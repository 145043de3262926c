import type { ConsentModeState } from '@consentry/shared'

const last = new WeakMap<Window, ConsentModeState>()

/** The Consent Mode state last sent to vendors on this window, so signals only repeat what changed. */
export function remember(w: Window, state: ConsentModeState): void {
  last.set(w, state)
}

export function lastSent(w: Window): ConsentModeState | undefined {
  return last.get(w)
}
