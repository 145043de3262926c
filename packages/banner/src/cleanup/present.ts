import type { StorageItem } from '@consentry/shared'
import { cookieNames } from './cookies'

/** Whether a declared item (exact name or prefix) covers `key`. */
export const matches = (item: StorageItem, key: string) => (item.match === 'prefix' ? key.startsWith(item.name) : key === item.name)

/** Whether any of `items` is present on this page (a cookie it can see, a storage key), i.e. a sweep has work. */
export function anyPresent(doc: Document, items: readonly StorageItem[]): boolean {
  const view = doc.defaultView
  const keys = (storage: Storage | undefined) => {
    try {
      return storage ? Object.keys(storage) : []
    } catch {
      return [] // storage blocked
    }
  }
  const present = { cookie: cookieNames(doc), local_storage: keys(view?.localStorage), session_storage: keys(view?.sessionStorage) }
  return items.some((item) => present[item.kind].some((key) => matches(item, key)))
}
