import type { ConsentState } from '@consentry/shared'
import type { ConsentChangeCause, ConsentSnapshot } from './consent-source'

export type ViewName = 'banner' | 'preferences' | 'dns'

/** What each `on(event, fn)` listener receives. */
export interface ConsentryEvents {
  change: (snapshot: ConsentSnapshot, cause: ConsentChangeCause) => void
  decision: (state: ConsentState, snapshot: ConsentSnapshot) => void
  show: (view: ViewName) => void
  hide: (view: ViewName) => void
}
export type ConsentryEvent = keyof ConsentryEvents

/** A tiny typed emitter; a failing listener is reported, never rethrown into the banner or the page. */
export function createEmitter() {
  type Fn = (...args: unknown[]) => void
  const map = new Map<ConsentryEvent, Set<Fn>>()
  return {
    on<E extends ConsentryEvent>(event: E, fn: ConsentryEvents[E]): () => void {
      let set = map.get(event)
      if (!set) map.set(event, (set = new Set()))
      const entry = fn as unknown as Fn
      set.add(entry)
      return () => void set.delete(entry)
    },
    emit<E extends ConsentryEvent>(event: E, ...args: Parameters<ConsentryEvents[E]>): void {
      for (const fn of [...(map.get(event) ?? [])]) {
        try {
          fn(...args)
        } catch (error) {
          console.warn(`[consentry] "${event}" listener failed`, error)
        }
      }
    },
  }
}
