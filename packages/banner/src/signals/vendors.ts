/** The vendor globals Consentry writes to: gtag's dataLayer, Meta's fbq queue, Microsoft UET's uetq. */
export type SignalWindow = Window & {
  dataLayer?: unknown[]
  gtag?: (...args: unknown[]) => void
  fbq?: FbqStub
  _fbq?: FbqStub
  uetq?: unknown[]
}

type FbqStub = ((...args: unknown[]) => void) & {
  callMethod?: (...args: unknown[]) => void
  queue?: unknown[]
  push?: unknown
  loaded?: boolean
  version?: string
}

/** Calls gtag, defining the standard one (`dataLayer.push(arguments)`) when the page has none yet. */
export function gtag(w: SignalWindow, ...args: unknown[]): void {
  const dataLayer = (w.dataLayer ??= [])
  // gtag.js only treats an `arguments` object as a command, so the stub must push `arguments` itself.
  w.gtag ??= function () {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments)
  }
  w.gtag(...args)
}

/**
 * Calls fbq, creating Meta's queue stub when absent; fbevents.js replays the queue when it loads.
 * With the stub in place, Meta's base snippet returns early, so load fbevents.js as a gated script.
 */
export function fbq(w: SignalWindow, ...args: unknown[]): void {
  if (!w.fbq) {
    // Meta's own stub shape: fbevents.js reads `queue` (of `arguments` objects) and sets `callMethod`.
    const stub: FbqStub = function () {
      // eslint-disable-next-line prefer-rest-params
      if (stub.callMethod) stub.callMethod(...arguments)
      // eslint-disable-next-line prefer-rest-params
      else stub.queue!.push(arguments)
    }
    Object.assign(stub, { push: stub, loaded: true, version: '2.0', queue: [] })
    w.fbq = stub
    w._fbq ??= stub
  }
  w.fbq(...args)
}

/** Queues a UET consent command (`default` before the tag, `update` on each choice). */
export function uet(w: SignalWindow, mode: 'default' | 'update', adStorage: 'granted' | 'denied'): void {
  ;(w.uetq ??= []).push('consent', mode, { ad_storage: adStorage })
}
