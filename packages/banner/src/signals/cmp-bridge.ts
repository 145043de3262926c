import type { Callback, GppFn, UspFn } from './cmp-api'

/** `__gppLocator` / `__uspapiLocator` frames plus the `__gppCall` → `__gppReturn` postMessage bridge for iframes. */
export function bridge(w: Window & { __gpp?: GppFn; __uspapi?: UspFn }, name: '__gpp' | '__uspapi'): void {
  const doc = w.document
  const addLocator = () => {
    if (doc.querySelector(`iframe[name="${name}Locator"]`)) return
    const frame = doc.createElement('iframe')
    frame.name = `${name}Locator`
    frame.style.display = 'none'
    frame.title = ''
    frame.setAttribute('aria-hidden', 'true')
    frame.tabIndex = -1
    ;(doc.body ?? doc.documentElement).appendChild(frame)
  }
  if (doc.body) addLocator()
  else doc.addEventListener('DOMContentLoaded', addLocator)
  w.addEventListener('message', (event) => {
    let data = event.data as unknown
    const isString = typeof data === 'string'
    try {
      if (isString) data = JSON.parse(data as string)
    } catch {
      return // not a message for us
    }
    const call = (data as Record<string, { command: string; parameter?: unknown; version?: string; callId: unknown }> | null)?.[`${name}Call`]
    if (!call || !event.source) return
    const reply: Callback = (returnValue, success) => {
      const message = { [`${name}Return`]: { returnValue, success, callId: call.callId } }
      ;(event.source as Window).postMessage(isString ? JSON.stringify(message) : message, '*')
    }
    if (name === '__gpp') w.__gpp?.(call.command, reply, call.parameter, call.version)
    else w.__uspapi?.(call.command, call.version, reply)
  })
}
