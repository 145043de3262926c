import { readToEnd } from '../read-to-end'
import { toConsentInput } from './consent-input'
import type { PendingDecision } from './record'
import { pendingStore, type PendingStore } from './pending'

/** Where the pending records live: a localStorage key (one outbox per site), or a store the caller holds. */
export type OutboxStorage = { key: string; storage?: Storage | null } | { pending: PendingStore }

export type OutboxOptions = OutboxStorage & {
  /** `${api}/v1/consents` */
  endpoint: string
  fetch?: typeof fetch
  /** Retry delay for attempt n (ms). Default: 1 s doubling, capped at 60 s, with jitter. */
  backoff?: (attempt: number) => number
  /** `include` when the API sets the consent cookie on the site's domain (`consent.serverCookie`). */
  credentials?: RequestCredentials
}

export interface Outbox {
  /** Keeps the decision (localStorage first), then tries to deliver its record. */
  add(decision: PendingDecision): void
  /** Tries to deliver everything pending; resolves when this attempt is over. */
  flush(): Promise<void>
  pending(): PendingDecision[]
  /** Hands every pending record to `navigator.sendBeacon` (page is going away); they stay until a 2xx. */
  beacon(): void
  stop(): void
}

const defaultBackoff = (attempt: number) => Math.min(60_000, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2)
/** Statuses worth retrying; any other 4xx means the record can never be accepted as it is. */
const RETRYABLE_4XX = new Set([408, 425, 429])

/**
 * Delivers consent records exactly once: each waits in localStorage, keyed by `idempotencyKey`, until the API
 * answers 2xx (it dedupes on the key, so a record sent twice is stored once). Failures retry with backoff;
 * the page never waits on delivery and never sees its errors.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))
  const backoff = options.backoff ?? defaultBackoff
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null
  const { read, write } = 'pending' in options ? options.pending : pendingStore(options.key, options.storage)

  const remove = (key: string) => {
    const pending = read()
    delete pending[key]
    write(pending)
  }

  const sendOne = async (decision: PendingDecision): Promise<boolean> => {
    try {
      const res = await doFetch(options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toConsentInput(decision)),
        keepalive: true,
        credentials: options.credentials ?? 'omit',
      })
      await readToEnd(res) // the receipt is not needed here
      if (res.ok) return (remove(decision.idempotencyKey), true)
      if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) {
        console.warn(`[consentry] consent record rejected (HTTP ${res.status}); dropped`)
        return (remove(decision.idempotencyKey), true)
      }
      return false
    } catch {
      return false // offline, API down, CORS: try again later
    }
  }

  const schedule = () => {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void flush()
    }, backoff(attempt++))
  }

  const flush = (): Promise<void> =>
    (inFlight ??= (async () => {
      let failed = false
      const tried = new Set<string>()
      // Records added while this round runs are sent in it too.
      for (;;) {
        const decision = Object.values(read()).find((d) => !tried.has(d.idempotencyKey))
        if (!decision) break
        tried.add(decision.idempotencyKey)
        if (!(await sendOne(decision))) failed = true
      }
      if (failed) schedule()
      else attempt = 0
    })().finally(() => (inFlight = null)))

  return {
    add(decision) {
      write({ ...read(), [decision.idempotencyKey]: decision })
      void flush()
    },
    flush,
    pending: () => Object.values(read()),
    beacon() {
      if (typeof navigator.sendBeacon !== 'function') return
      for (const decision of Object.values(read())) {
        try {
          navigator.sendBeacon(options.endpoint, new Blob([JSON.stringify(toConsentInput(decision))], { type: 'application/json' }))
        } catch {
          // the outbox still holds it for the next page
        }
      }
    },
    stop() {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
