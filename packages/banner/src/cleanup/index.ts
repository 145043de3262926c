import type { EffectiveConsent, StorageItem } from '@consentry/shared'
import type { ConsentSnapshot, ConsentSource } from '../consent-source'
import { cookieNames, expireCookie } from './cookies'

export { cookieDomains, cookiePaths } from './cookies'

/** Fired on `document` after a withdrawal when something could not be removed; `detail.leftovers` lists it. */
export const LEFTOVERS_EVENT = 'consentry:leftovers'

const matches = (item: StorageItem, key: string) => (item.match === 'prefix' ? key.startsWith(item.name) : key === item.name)

/** True when `domain` (as declared on a cookie) belongs to the page's host or one of its parents. */
function isOwnDomain(domain: string | undefined, host: string): boolean {
  if (!domain) return true
  const d = domain.replace(/^\./, '')
  return host === d || host.endsWith(`.${d}`)
}

/**
 * Removes what a withdrawn service stored: its declared cookies on every parent domain and path, and its
 * localStorage / sessionStorage keys. Returns what could not be removed (HttpOnly, other sites, still present).
 */
export function removeStorage(doc: Document, items: readonly StorageItem[]): string[] {
  const leftovers: string[] = []
  const host = doc.location.hostname
  const view = doc.defaultView
  for (const item of items) {
    if (item.kind === 'cookie') {
      if (item.httpOnly) leftovers.push(`${item.name} (HttpOnly)`)
      else if (!isOwnDomain(item.domain, host)) leftovers.push(`${item.name} (third-party: ${item.domain})`)
      if (item.httpOnly || !isOwnDomain(item.domain, host)) continue
      for (const name of cookieNames(doc).filter((n) => matches(item, n))) {
        expireCookie(doc, name, item.domain)
        if (cookieNames(doc).includes(name)) leftovers.push(`${name} (other domain or path)`)
      }
    } else {
      const storage = item.kind === 'local_storage' ? view?.localStorage : view?.sessionStorage
      if (!storage) continue
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i)
        if (key !== null && matches(item, key)) storage.removeItem(key)
      }
    }
  }
  return leftovers
}

/** Storage declared by services that were allowed in `before` (or are unknown then) and are refused in `after`. */
function withdrawnStorage(snapshot: ConsentSnapshot, before: EffectiveConsent | null): StorageItem[] {
  const items: StorageItem[] = []
  for (const service of snapshot.config.services) {
    if (service.category === 'essential' || snapshot.consent.services[service.id]) continue
    if (before === null || before.services[service.id]) items.push(...service.storage)
  }
  return items
}

/**
 * On every withdrawal (a service or category going from granted to refused) deletes the declared cookies and
 * storage keys; at start, sweeps what refused services left behind. Whatever cannot be removed is reported to
 * the console, to `report` and as a `consentry:leftovers` event on `document`. Returns a stop function.
 * @example startCleanup(store, (left) => showNotice(left))
 */
export function startCleanup(source: ConsentSource, report?: (leftovers: string[]) => void): () => void {
  const run = (snapshot: ConsentSnapshot, before: EffectiveConsent | null) => {
    const leftovers = removeStorage(document, withdrawnStorage(snapshot, before))
    // The start-up sweep is quiet about what nobody just withdrew.
    if (before && leftovers.length) {
      console.warn('[consentry] could not remove after withdrawal:', leftovers)
      report?.(leftovers)
      document.dispatchEvent(new CustomEvent(LEFTOVERS_EVENT, { detail: { leftovers } }))
    }
  }
  let previous = source.snapshot().consent
  run(source.snapshot(), null)
  return source.subscribe((snapshot) => {
    run(snapshot, previous)
    previous = snapshot.consent
  })
}
