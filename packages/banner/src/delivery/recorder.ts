import type { ConsentState } from '@consentry/shared'
import { createOutbox } from './outbox'
import { toConsentInput, type RecordContext } from './record'

/** Records decisions for one site: through the outbox to `${api}/v1/consents`, or nowhere without an API. */
export function createRecorder(api: string | undefined, context: RecordContext) {
  const outbox = api ? createOutbox({ endpoint: `${api.replace(/\/$/, '')}/v1/consents`, key: `consentry:outbox:${context.siteId}` }) : null
  const onPageHide = () => outbox?.beacon()
  if (outbox) addEventListener('pagehide', onPageHide)
  return {
    record: (state: ConsentState) => outbox?.add(toConsentInput(state, context)),
    /** Delivers records left by earlier pages. */
    flush: () => void outbox?.flush(),
    stop() {
      removeEventListener('pagehide', onPageHide)
      outbox?.stop()
    },
  }
}
