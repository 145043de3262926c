import type { Callback, GppFn, UspFn } from './cmp-api'
import { nextTask } from '../next-task'

type CmpWindow = Window & { __gpp?: GppFn; __uspapi?: UspFn }

const bridged = new WeakSet<Window>()

/**
 * The way vendors in cross-origin frames reach `__gpp` and `__uspapi`: their locator frames and the postMessage
 * bridge, once per window. Part of the US chunk: elsewhere no GPP section applies, no locator frame exists and a
 * frame finds no CMP, which tells it the same (the page's own `__gpp` still answers, from the core).
 */
export function bridge(w: CmpWindow): void {
  if (bridged.has(w)) return
  bridged.add(w)
  for (const name of ['__gpp', '__uspapi'] as const) {
    listen(w, name)
    addLocator(w, name)
  }
}

/** The `__gppCall` → `__gppReturn` (or `__uspapi…`) postMessage bridge, for vendors in frames. */
function listen(w: CmpWindow, name: '__gpp' | '__uspapi'): void {
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
 * are added only where a US section applies (see `bridge`), and each in a task of its own: with the encoding and
 * the first publish in one task, Lighthouse found a 195 ms long task at its 4× slowed CPU.
 */
function addLocator(w: CmpWindow, name: '__gpp' | '__uspapi'): void {
  const doc = w.document
  const add = () => {
    if (doc.querySelector(`iframe[name="${name}Locator"]`)) return
    const frame = doc.createElement('iframe')
    frame.name = `${name}Locator`
    // Not rendered, so neither focusable nor in the accessibility tree.
    frame.style.display = 'none'
    ;(doc.body ?? doc.documentElement).appendChild(frame)
  }
  const later = () => void nextTask().then(add)
  if (doc.body) later()
  else doc.addEventListener('DOMContentLoaded', later)
}
