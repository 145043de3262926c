import type { PendingDecision } from './record'

/** Decisions waiting for delivery, by `idempotencyKey`. */
export type Pending = Record<string, PendingDecision>

export interface PendingStore {
  read(): Pending
  write(pending: Pending): void
}

/**
 * The decisions waiting for delivery, kept in localStorage under `key` so a later page delivers what this one
 * could not; in memory where storage is blocked or full. Storage errors never reach the page.
 */
export function pendingStore(key: string, storage: Storage | null | undefined = safeLocalStorage()): PendingStore {
  let memory: Pending = {}
  return {
    read() {
      if (!storage) return memory
      try {
        const parsed = JSON.parse(storage.getItem(key) ?? '{}') as unknown
        return typeof parsed === 'object' && parsed !== null ? (parsed as Pending) : {}
      } catch {
        return memory
      }
    },
    write(pending) {
      memory = pending
      if (!storage) return
      try {
        if (Object.keys(pending).length === 0) storage.removeItem(key)
        else storage.setItem(key, JSON.stringify(pending))
      } catch {
        // Storage full or blocked: the in-memory copy still gets delivered from this page.
      }
    },
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // blocked by the browser's settings
  }
}
