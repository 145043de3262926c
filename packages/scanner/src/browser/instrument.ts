/** The binding the init script reports writes through (exposed per browser context). */
export const REPORT_BINDING = '__consentryScanReport'

/** What the init script reports: a cookie or storage write and the script that made it. */
export interface WriteReport {
  kind: 'document.cookie' | 'cookie-store' | 'local_storage' | 'session_storage'
  /** The cookie string written, or the storage key. */
  value: string
  /** The calling script's URL, read from the stack (the page URL for an inline script). */
  script: string | null
  page: string
}

/**
 * Source of the init script run in every frame before any page script: wraps `document.cookie`'s setter,
 * `cookieStore.set` and `Storage#setItem` to report who writes, and (with `gpc`) sets
 * `navigator.globalPrivacyControl` as a GPC browser does. The page sees the same behaviour as without it.
 */
export function instrumentationScript(options: { gpc: boolean }): string {
  return `(() => {
  const binding = ${JSON.stringify(REPORT_BINDING)}
  const caller = () => {
    const urls = (new Error().stack || '').match(/(?:https?|file):\\/\\/[^\\s()]+?(?=:\\d+:\\d+)/g) || []
    return urls[0] || location.href
  }
  const report = (kind, value) => {
    try {
      const fn = window[binding]
      if (typeof fn === 'function') fn({ kind, value: String(value).slice(0, 4096), script: caller(), page: location.href }).catch(() => {})
    } catch {}
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')
  if (cookie && cookie.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get() { return cookie.get.call(this) },
      set(value) { report('document.cookie', value); cookie.set.call(this, value) },
    })
  }
  const setItem = Storage.prototype.setItem
  Storage.prototype.setItem = function (key, value) {
    let kind = 'local_storage'
    try { if (this === window.sessionStorage) kind = 'session_storage' } catch {}
    report(kind, key)
    return setItem.call(this, key, value)
  }
  if (typeof CookieStore !== 'undefined' && CookieStore.prototype.set) {
    const set = CookieStore.prototype.set
    CookieStore.prototype.set = function (a, b) {
      report('cookie-store', typeof a === 'string' ? a + '=' + b : (a && a.name) + '=')
      return set.apply(this, arguments)
    }
  }
  ${options.gpc ? "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, enumerable: true, get: () => true })" : ''}
})()`
}
