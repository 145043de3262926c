import type { StorageItem } from '@consentry/shared'
import { cookieNames, expireCookie } from './cookies'
import { matches } from './present'

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
