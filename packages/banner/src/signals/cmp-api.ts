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

/** What `__gpp` and `__uspapi` publish outside the US: no section applies. */
export const NOT_APPLICABLE: CmpData = { gppString: 'DBAA', sectionList: [], applicableSections: [-1], parsedSections: {}, uspString: '1---' }

export type Callback = (data: unknown, success: boolean) => void
export type GppFn = ((command: string, callback?: Callback, parameter?: unknown, version?: string) => void) & { queue?: unknown[][] }
export type UspFn = (command: string, version?: unknown, callback?: Callback) => void

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

/** The window's CMP API, installed on first use (the early script tag path installs it first). */
export function cmpApi(w: Window): CmpHandle {
  let handle = handles.get(w)
  // Reinstall when something replaced ours (a late IAB stub): its queue is replayed into the new API.
  if (!handle || (w as { __gpp?: unknown }).__gpp !== handle._fn) handles.set(w, (handle = installCmpApi(w)))
  return handle
}

interface CmpState {
  ping: GppPing
  usp: string
  listeners: Map<number, Callback>
  nextId: number
  /** Section reads waiting for the first data; null once it arrived. */
  waiting: (() => void)[] | null
}

function emit(state: CmpState, eventName: string, data: unknown): void {
  for (const [listenerId, cb] of state.listeners) cb({ eventName, listenerId, data, pingData: { ...state.ping } }, true)
}

/** One `__gpp` command: generic commands answer at once; section reads wait for the first data. */
function gppCommand(state: CmpState, command: string, cb: Callback, parameter: unknown): void {
  const { ping } = state
  switch (command) {
    case 'ping':
      return cb({ ...ping }, true)
    case 'addEventListener': {
      const listenerId = state.nextId++
      state.listeners.set(listenerId, cb)
      return cb({ eventName: 'listenerRegistered', listenerId, data: true, pingData: { ...ping } }, true)
    }
    case 'removeEventListener':
      return cb(state.listeners.delete(Number(parameter)), true)
    case 'hasSection':
    case 'getSection':
    case 'getField': {
      const answer = () => {
        const [section = '', name] = String(parameter).split('.')
        const fields = ping.parsedSections[section]
        if (command === 'hasSection') cb(fields !== undefined, true)
        else if (command === 'getSection') cb(fields ?? null, true)
        else cb(fields?.[name ?? ''] ?? null, true)
      }
      return void (state.waiting ? state.waiting.push(answer) : answer())
    }
    default:
      return cb(null, false)
  }
}

/** Sends one change through the event chain: signalStatus "not ready", sectionChange per section, "ready". */
function publish(state: CmpState, data: CmpData): void {
  const { ping } = state
  const first = ping.cmpStatus !== 'loaded'
  ping.signalStatus = 'not ready'
  emit(state, 'signalStatus', 'not ready')
  const { uspString, ...gppData } = data
  Object.assign(ping, gppData, { cmpStatus: 'loaded' })
  state.usp = uspString
  if (first) emit(state, 'cmpStatus', 'loaded')
  for (const name of Object.keys(data.parsedSections)) emit(state, 'sectionChange', name)
  ping.signalStatus = 'ready'
  emit(state, 'signalStatus', 'ready')
  const queued = state.waiting ?? []
  state.waiting = null
  for (const answer of queued) answer()
}

/**
 * Installs `window.__gpp` and `window.__uspapi` (replaying any IAB stub queue); frames reach them through the
 * US chunk's `bridge`. Until the first `_publish`, section reads are queued and
 * `signalStatus` is "not ready".
 */
export function installCmpApi(w: Window & { __gpp?: GppFn; __uspapi?: UspFn }): CmpHandle {
  // Nothing applies until the first publish says otherwise.
  const { uspString, ...nothing } = NOT_APPLICABLE
  const state: CmpState = {
    ping: {
      gppVersion: '1.1',
      cmpStatus: 'loading',
      cmpDisplayStatus: 'hidden',
      signalStatus: 'not ready',
      supportedAPIs: ['7:usnat', '8:usca'],
      cmpId: CMP_ID,
      ...nothing,
    },
    usp: uspString,
    listeners: new Map(),
    nextId: 0,
    waiting: [],
  }
  const gpp: GppFn = (command, cb = () => {}, parameter) => gppCommand(state, command, cb, parameter)
  // The USP API's argument order differs: (command, version, callback).
  const uspapi: UspFn = (command, _version, cb = () => {}) => (command === 'getUSPData' ? cb({ version: 1, uspString: state.usp }, true) : cb(null, false))

  const stubQueue = w.__gpp?.queue ?? []
  w.__gpp = gpp
  w.__uspapi = uspapi
  for (const args of stubQueue) gpp(...(args as Parameters<GppFn>))
  return {
    _fn: gpp,
    _ping: () => ({ ...state.ping }),
    _publish: (data) => publish(state, data),
    _display(status) {
      if (state.ping.cmpDisplayStatus === status) return
      state.ping.cmpDisplayStatus = status
      emit(state, 'cmpDisplayStatus', status)
    },
  }
}
