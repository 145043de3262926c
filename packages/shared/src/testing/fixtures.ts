// Test builders for the consent model (not exported from the package).
import { decide, type DecisionInput } from '../consent/decide'
import type { ConsentState } from '../consent/consent-state'
import { offeredPurposes, type OfferedPurposes } from '../consent/purposes'

export const DAY = 86_400_000
export const NOW = Date.parse('2026-11-22T12:00:00Z')
export const VISITOR = '0123456789abcdef0123456789abcdef'

/** A site with two analytics services, one advertising service and one essential service. */
export const OFFERED: OfferedPurposes = offeredPurposes({
  categories: ['functional', 'analytics', 'advertising'],
  services: [
    { id: 'ga4', category: 'analytics' },
    { id: 'hotjar', category: 'analytics' },
    { id: 'meta-pixel', category: 'advertising' },
    { id: 'session', category: 'essential' },
  ],
})

/** A decision with sensible defaults: EU visitor, revision 1, no GPC, no previous state. */
export function decision(overrides: Partial<DecisionInput> = {}): ConsentState {
  return decide({
    method: 'accept_all',
    previous: null,
    visitorId: VISITOR,
    offered: OFFERED,
    policyRevision: 1,
    regime: 'opt_in',
    jurisdiction: 'DE',
    gpc: false,
    now: NOW,
    ...overrides,
  })
}
