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
  const deliver = () =>
    withPart(options.delivery(), ({ createOutbox }) => {
      if (stopped) return
      outbox ??= createOutbox({ endpoint, pending, credentials: options.credentials })
      void outbox.flush()
    }, 'consent delivery')
  const onPageHide = () => outbox?.beacon()
  addEventListener('pagehide', onPageHide)
  return {
    record(state: ConsentState) {
      const decision = pendingDecision(state, context)
      pending.write({ ...pending.read(), [decision.idempotencyKey]: decision })
      deliver()
    },
    /** Delivers records left by earlier pages. */
    flush: () => void (Object.keys(pending.read()).length && deliver()),
    stop() {
      stopped = true
      removeEventListener('pagehide', onPageHide)
      outbox?.stop()
    },
  }
}
