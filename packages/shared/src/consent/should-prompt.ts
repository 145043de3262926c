import type { ConsentState } from './consent-state'
import type { Regime } from './jurisdiction'

const DAY = 86_400_000
/** CNIL / Garante: a refusal is respected for at least six months (EU-14). */
export const REFUSAL_QUIET_DAYS = 182
/** Cal. Civ. Code §1798.135: wait at least 12 months before asking an opted-out consumer to opt back in (CA-07). */
export const OPT_OUT_QUIET_DAYS = 365

export type PromptReason = 'no_decision' | 'expired' | 'policy_changed' | 'purposes_changed'
export type QuietReason = 'decided' | 'refusal_quiet_period' | 'opt_out_quiet_period' | 'not_required'

/** Whether to show the first layer on this page load, and why: the "why" is logged and tested. */
export type PromptDecision = { prompt: true; reason: PromptReason } | { prompt: false; reason: QuietReason }

export interface PromptInput {
  stored: ConsentState | null
  regime: Regime
  policyRevision: number
  /** `purposesFingerprint` of what the site offers now. */
  purposes: string
  /** How long a decision stays valid, in days (default 365). */
  lifetimeDays: number
  /** Show a banner under opt-out regimes before any decision (default true: a notice with the choices). */
  promptUnderOptOut?: boolean
  /** The site offers at least one optional category (default true); without one there is nothing to choose. */
  offersChoice?: boolean
  /** Without a choice to offer, show a notice (default true) or nothing. */
  essentialOnlyNotice?: boolean
  now: number
}

/**
 * When to ask. A GPC-only state is not a visitor decision, so it never changes whether the banner shows
 * (GPC-07: no UX change caused by the signal). Quiet periods outrank revision bumps and expiry.
 */
export function shouldPrompt(input: PromptInput): PromptDecision {
  const { stored, now } = input
  if (stored === null || stored.method === 'gpc') {
    if (input.regime === 'opt_out' && input.promptUnderOptOut === false) return { prompt: false, reason: 'not_required' }
    if (input.offersChoice === false && input.essentialOnlyNotice === false) return { prompt: false, reason: 'not_required' }
    return { prompt: true, reason: 'no_decision' }
  }
  const age = now - stored.decidedAt
  const purposesChanged = stored.purposes !== input.purposes
  // A decision dated in the future (clock skew beyond a day, or tampering) proves nothing: ask again.
  if (age < -DAY) return { prompt: true, reason: 'expired' }
  if (stored.doNotSell && input.regime === 'opt_out' && age < OPT_OUT_QUIET_DAYS * DAY) {
    return { prompt: false, reason: 'opt_out_quiet_period' }
  }
  if (isRefusal(stored) && age < REFUSAL_QUIET_DAYS * DAY && !purposesChanged) {
    return { prompt: false, reason: 'refusal_quiet_period' }
  }
  if (age >= input.lifetimeDays * DAY) return { prompt: true, reason: 'expired' }
  if (purposesChanged) return { prompt: true, reason: 'purposes_changed' }
  if (stored.policyRevision < input.policyRevision) return { prompt: true, reason: 'policy_changed' }
  return { prompt: false, reason: 'decided' }
}

/** The visitor refused every optional category. */
export function isRefusal(state: ConsentState): boolean {
  const { functional, analytics, advertising } = state.categories
  return !functional && !analytics && !advertising
}
