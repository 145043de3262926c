import { own, type EffectiveConsent, type StorageItem } from '@consentry/shared'
import type { ConsentSnapshot, ConsentSource } from '../consent-source'
import { withPart, type Parts } from '../parts'
import { anyPresent } from './present'

export { cookieDomains, cookiePaths } from './cookies'
export { removeStorage } from './remove'

/** Fired on `document` after a withdrawal when something could not be removed; `detail.leftovers` lists it. */
export const LEFTOVERS_EVENT = 'consentry:leftovers'

/** Storage declared by services that were allowed in `before` (or are unknown then) and are refused in `after`. */
function withdrawnStorage(snapshot: ConsentSnapshot, before: EffectiveConsent | null): StorageItem[] {
  const items: StorageItem[] = []
  for (const service of snapshot.config.services) {
    if (service.category === 'essential' || own(snapshot.consent.services, service.id)) continue
    if (before === null || own(before.services, service.id)) items.push(...service.storage)
  }
  return items
}

/**
 * On every withdrawal (a service or category going from granted to refused) deletes the declared cookies and
 * storage keys; at start, sweeps what refused services left behind. Whatever cannot be removed is reported to
 * the console, to `report` and as a `consentry:leftovers` event on `document`. The removal code (`parts.cleanup`)
 * is loaded only for a withdrawal or when the sweep finds something. Returns a stop function.
 * @example startCleanup(store, BUNDLED, (left) => showNotice(left))
 */
export function startCleanup(source: ConsentSource, parts: Pick<Parts, 'cleanup'>, report?: (leftovers: string[]) => void): () => void {
  let stopped = false
  const run = (snapshot: ConsentSnapshot, before: EffectiveConsent | null) => {
    const items = withdrawnStorage(snapshot, before)
    // The start-up sweep is quiet about what nobody just withdrew, and has nothing to do on a clean browser.
    if (!items.length || (!before && !anyPresent(document, items))) return
    withPart(
      parts.cleanup(),
      ({ removeStorage }) => {
        if (stopped) return
        const leftovers = removeStorage(document, items)
        if (before && leftovers.length) {
          console.warn('[consentry] could not remove after withdrawal:', leftovers)
          report?.(leftovers)
          document.dispatchEvent(new CustomEvent(LEFTOVERS_EVENT, { detail: { leftovers } }))
        }
      },
      'cleanup',
    )
  }
  let previous = source.snapshot().consent
  run(source.snapshot(), null)
  const unsubscribe = source.subscribe((snapshot) => {
    run(snapshot, previous)
    previous = snapshot.consent
  })
  return () => {
    stopped = true
    unsubscribe()
  }
}
