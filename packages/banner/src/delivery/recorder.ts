import type { ConsentState } from '@consentry/shared'
import { withPart, type Parts } from '../parts'
import type { Outbox } from './outbox'
import { pendingStore } from './pending'
import { pendingDecision, type RecordContext } from './record'

export interface RecorderOptions {
  /** Where the outbox comes from (`Parts.delivery`): bundled, or a chunk loaded on the first record. */
  delivery: Parts['delivery']
  /** `include` when the API sets the consent cookie on the site's domain (`consent.serverCookie`). */
  credentials: RequestCredentials
}

/**
 * Records decisions for one site through the outbox to `${api}/v1/consents`, or nowhere without an API. A
 * decision is stashed in localStorage at once, so it survives the page going away before the outbox loads;
 * the outbox is loaded only when something is waiting.
 */
export function createRecorder(api: string | undefined, context: RecordContext, options: RecorderOptions) {
  if (!api) return { record() {}, flush() {}, stop() {} }
  const pending = pendingStore(`consentry:outbox:${context.siteId}`)
  const endpoint = `${api.replace(/\/$/, '')}/v1/consents`
  let outbox: Outbox | null = null
  let stopped = false
  let retry: unknown
  let attempt = 0
  const deliver = (): void => {
    if (stopped) return
    const part = options.delivery()
    // The chunk comes from the API's host: down with it, it is retried with backoff (1 s doubling, up to a minute).
    if (part instanceof Promise) part.catch(() => (retry ??= setTimeout(() => ((retry = null), deliver()), 1000 << Math.min(6, attempt++))))
    withPart(
      part,
      ({ createOutbox }) => {
        if (stopped) return
        attempt = 0
        outbox ??= createOutbox({ endpoint, pending, credentials: options.credentials })
        void outbox.flush()
      },
      'consent delivery',
    )
  }
  const waiting = () => Object.keys(pending.read()).length > 0
  const onPageHide = () => outbox?.beacon()
  // Back online or back in view: try at once rather than waiting out the backoff (a no-op once stopped).
  const onWake = () => !document.hidden && waiting() && deliver()
  addEventListener('pagehide', onPageHide)
  addEventListener('online', onWake)
  document.addEventListener('visibilitychange', onWake)
  return {
    record(state: ConsentState) {
      const decision = pendingDecision(state, context)
      pending.write({ ...pending.read(), [decision.idempotencyKey]: decision })
      deliver()
    },
    /** Delivers records left by earlier pages. */
    flush: () => void (waiting() && deliver()),
    stop() {
      stopped = true
      removeEventListener('pagehide', onPageHide)
      outbox?.stop()
    },
  }
}
