import { describe, expect, it } from 'vitest'
import { decision } from '../testing/fixtures'
import { decodeConsentCookie, encodeConsentCookie } from './cookie-codec'
import { effectiveConsent } from './effective-consent'
import { own, recordOf } from './own'
import { offeredPurposes } from './purposes'

/** Every name `Object.prototype` has: `constructor`, `toString`, `__proto__`, `hasOwnProperty`, … */
const NAMES = Object.getOwnPropertyNames(Object.prototype)
const OFF = { functional: false, analytics: false, advertising: false }

describe('service ids named like Object.prototype members', () => {
  it('own() reads only own properties, and recordOf() keeps every key as its own', () => {
    for (const name of NAMES) {
      expect(own({}, name), name).toBeUndefined()
      const record = recordOf([[name, false]])
      expect(Object.keys(record), name).toEqual([name])
      expect(own(record, name), name).toBe(false)
      expect(Object.getPrototypeOf(record), name).toBe(Object.prototype)
    }
  })

  it.each(NAMES)('%s: refused by a custom choice that does not name it, granted only when picked', (name) => {
    const offered = offeredPurposes({ categories: ['analytics'], services: [{ id: name, category: 'analytics' }] })
    const refused = decision({ method: 'custom', offered, picks: { categories: OFF, services: {} } })
    expect(own(refused.services, name)).toBe(false)
    expect(Object.keys(refused.services)).toEqual([name])
    expect(refused.categories.analytics).toBe(false)
    const effective = effectiveConsent({ stored: refused, gpc: false, regime: 'opt_in', services: offered.services })
    expect(own(effective.services, name)).toBe(false)
    const picked = decision({ method: 'custom', offered, picks: { categories: OFF, services: recordOf([[name, true]]) } })
    expect(own(picked.services, name)).toBe(true)
    // Before any decision, opt-in: refused; opt-out: granted. Never a value read from the prototype.
    expect(own(effectiveConsent({ stored: null, gpc: false, regime: 'opt_in', services: offered.services }).services, name)).toBe(false)
    expect(own(effectiveConsent({ stored: null, gpc: false, regime: 'opt_out', services: offered.services }).services, name)).toBe(true)
  })

  it('the consent cookie keeps a `constructor` service as an ordinary entry', () => {
    const offered = offeredPurposes({ categories: ['analytics'], services: [{ id: 'constructor', category: 'analytics' }] })
    const state = decision({ method: 'custom', offered, picks: { categories: OFF, services: {} } })
    expect(decodeConsentCookie(encodeConsentCookie(state))?.services).toEqual({ constructor: false })
  })
})
