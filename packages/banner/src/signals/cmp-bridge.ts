import type { Callback, GppFn, UspFn } from './cmp-api'

type CmpWindow = Window & { __gpp?: GppFn; __uspapi?: UspFn }

/** The `__gppCall` → `__gppReturn` (or `__uspapi…`) postMessage bridge, for vendors in frames. */
export function listen(w: CmpWindow, name: '__gpp' | '__uspapi'): void {
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

/**
 * The `__gppLocator` / `__uspapiLocator` frame by which vendors in cross-origin frames find this window, added
 * once `<body>` exists. Each frame costs a browsing context (most of the banner's script time at load), so they
 * are added only where a US section applies (see `CmpHandle._locate`).
 */
export function addLocator(w: CmpWindow, name: '__gpp' | '__uspapi'): void {
  const doc = w.document
  const add = () => {
    if (doc.querySelector(`iframe[name="${name}Locator"]`)) return
    const frame = doc.createElement('iframe')
    frame.name = `${name}Locator`
    // Not rendered, so neither focusable nor in the accessibility tree.
    frame.style.display = 'none'
    ;(doc.body ?? doc.documentElement).appendChild(frame)
  }
  if (doc.body) add()
  else doc.addEventListener('DOMContentLoaded', add)
}
