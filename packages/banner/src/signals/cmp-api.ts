import type { GppSectionFields } from '@consentry/shared'

/** What `__gpp('ping')` reports (GPP CMP API v1.1, PingReturn). */
export interface GppPing {
  gppVersion: '1.1'
  cmpStatus: 'stub' | 'loading' | 'loaded' | 'error'
  cmpDisplayStatus: 'hidden' | 'visible' | 'disabled'
  signalStatus: 'not ready' | 'ready'
  supportedAPIs: string[]
  cmpId: number
  sectionList: number[]
  applicableSections: number[]
  gppString: string
  parsedSections: Record<string, GppSectionFields>
}

/** The data a consent change publishes through `__gpp` and `__uspapi`. */
export interface CmpData {
  gppString: string
  sectionList: number[]
  applicableSections: number[]
  parsedSections: Record<string, GppSectionFields>
  uspString: string
}

type Callback = (data: unknown, success: boolean) => void
type GppFn = ((command: string, callback?: Callback, parameter?: unknown, version?: string) => void) & { queue?: unknown[][] }
type UspFn = (command: string, version?: unknown, callback?: Callback) => void

/** Controls the page's `__gpp` and `__uspapi`: `_publish` sends one change through the event chain. */
export interface CmpHandle {
  _fn: GppFn
  _publish(data: CmpData): void
  /** The banner's visibility changed (`cmpDisplayStatus` event). */
  _display(status: GppPing['cmpDisplayStatus']): void
  _ping(): GppPing
}

// cmpId 1: the MSPA (usnat and US state sections) needs no CMP registration (GPP CMP API, IAB-07).
const CMP_ID = 1

const handles = new WeakMap<Window, CmpHandle>()
const bridged = new WeakSet<Window>()

/** The window's CMP API, installed on first use (the early script tag path installs it first). */
export function cmpApi(w: Window): CmpHandle {
  let handle = handles.get(w)
  // Reinstall when something replaced ours (a late IAB stub): its queue is replayed into the new API.
  if (!handle || (w as { __gpp?: unknown }).__gpp !== handle._fn) handles.set(w, (handle = installCmpApi(w)))
  return handle
}

/**
 * Installs `window.__gpp` and `window.__uspapi` (replaying any IAB stub queue), their locator iframes and the
 * postMessage bridge. Until the first `_publish`, section reads are queued and `signalStatus` is "not ready".
 */
export function installCmpApi(w: Window & { __gpp?: GppFn; __uspapi?: UspFn }): CmpHandle {
  const ping: GppPing = {
    gppVersion: '1.1',
    cmpStatus: 'loading',
    cmpDisplayStatus: 'hidden',
    signalStatus: 'not ready',
    supportedAPIs: ['7:usnat', '8:usca'],
    cmpId: CMP_ID,
    sectionList: [],
    applicableSections: [-1],
    gppString: 'DBAA',
    parsedSections: {},
  }
  let usp = '1---'
  let nextId = 0
  const listeners = new Map<number, Callback>()
  let waiting: (() => void)[] | null = []

  const emit = (eventName: string, data: unknown) => {
    for (const [listenerId, cb] of listeners) cb({ eventName, listenerId, data, pingData: { ...ping } }, true)
  }
  const field = (path: unknown): unknown => {
    const [section = '', name = ''] = String(path).split('.')
    return ping.parsedSections[section]?.[name] ?? null
  }

  const gpp: GppFn = (command, cb = () => {}, parameter) => {
    switch (command) {
      case 'ping':
        return cb({ ...ping }, true)
      case 'addEventListener': {
        const listenerId = nextId++
        listeners.set(listenerId, cb)
        return cb({ eventName: 'listenerRegistered', listenerId, data: true, pingData: { ...ping } }, true)
      }
      case 'removeEventListener':
        return cb(listeners.delete(Number(parameter)), true)
      case 'hasSection':
      case 'getSection':
      case 'getField': {
        const answer = () => {
          const section = ping.parsedSections[String(parameter)]
          if (command === 'hasSection') cb(section !== undefined, true)
          else if (command === 'getSection') cb(section ?? null, true)
          else cb(field(parameter), true)
        }
        return void (waiting ? waiting.push(answer) : answer())
      }
      default:
        return cb(null, false)
    }
  }
  // The USP API's argument order differs: (command, version, callback).
  const uspapi: UspFn = (command, _version, cb = () => {}) =>
    command === 'getUSPData' ? cb({ version: 1, uspString: usp }, true) : cb(null, false)

  const stubQueue = w.__gpp?.queue ?? []
  w.__gpp = gpp
  w.__uspapi = uspapi
  for (const args of stubQueue) gpp(...(args as Parameters<GppFn>))
  if (!bridged.has(w)) {
    bridged.add(w)
    bridge(w, '__gpp')
    bridge(w, '__uspapi')
  }

  return {
    _fn: gpp,
    _display(status) {
      if (ping.cmpDisplayStatus === status) return
      ping.cmpDisplayStatus = status
      emit('cmpDisplayStatus', status)
    },
    _ping: () => ({ ...ping }),
    _publish(data) {
      const first = ping.cmpStatus !== 'loaded'
      ping.signalStatus = 'not ready'
      emit('signalStatus', 'not ready')
      const { uspString, ...gppData } = data
      Object.assign(ping, gppData, { cmpStatus: 'loaded' })
      usp = uspString
      if (first) emit('cmpStatus', 'loaded')
      for (const name of Object.keys(data.parsedSections)) emit('sectionChange', name)
      ping.signalStatus = 'ready'
      emit('signalStatus', 'ready')
      const queued = waiting ?? []
      waiting = null
      for (const answer of queued) answer()
    },
  }
}

/** `__gppLocator` / `__uspapiLocator` frames plus the `__gppCall` → `__gppReturn` postMessage bridge for iframes. */
function bridge(w: Window & { __gpp?: GppFn; __uspapi?: UspFn }, name: '__gpp' | '__uspapi'): void {
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
