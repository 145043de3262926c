import type { ConfigResponse } from '@consentry/shared'
import { earlyConsent } from './early-consent'
import { initWith, type ConsentryHandle, type InitOptions } from './init'
import { scriptParts } from './parts-script'
import { installEarlySignals } from './signals/early-signals'
import { nextTask } from './next-task'

/** A call queued before the script loaded: `['on', 'change', fn]`, or a function receiving the handle. */
export type QueuedCall = [method: string, ...args: unknown[]] | ((consentry: ConsentryHandle) => void)

type GlobalSlot = ConsentryHandle & { push(call: QueuedCall): void }

declare global {
  interface Window {
    /** Before load: an array of queued calls (or a queue object); after: the handle, with `push` still working. */
    consentry?: QueuedCall[] | GlobalSlot | { push(call: QueuedCall): void }
  }
}

function run(handle: ConsentryHandle, call: QueuedCall): void {
  try {
    if (typeof call === 'function') return call(handle)
    const [method, ...args] = call
    const fn = (handle as unknown as Record<string, unknown>)[method]
    if (typeof fn !== 'function') return console.warn(`[consentry] unknown method "${method}"`)
    ;(fn as (...a: unknown[]) => unknown)(...args)
  } catch (error) {
    console.warn('[consentry] queued call failed', error)
  }
}

function optionsFrom(script: HTMLScriptElement | null): InitOptions {
  const data = script?.dataset ?? {}
  const options: InitOptions = {}
  // data-external-user-id / data-external-user-proof: a signed-in user, with the proof the site's backend made.
  for (const key of ['site', 'api', 'locale', 'country', 'region', 'externalUserId', 'externalUserProof'] as const) if (data[key]) options[key] = data[key]
  const nonce = data.nonce || script?.nonce
  if (nonce) options.nonce = nonce
  if (script?.src) options.i18nBase = script.src
  // Served by the API with the configuration built in (`{api}/v1/sites/{site}/consentry.js`): the API is where
  // the script came from, and translations sit at its root like the plain bundle's.
  const served = script?.src ? /^(.*)\/v1\/sites\/([^/]+)\/consentry\.js(\?|$)/.exec(script.src) : null
  if (served) {
    options.api ??= served[1]
    options.site ??= decodeURIComponent(served[2]!)
    options.i18nBase = `${served[1]}/consentry.js`
  }
  return options
}

// The script-tag entry. Nothing here may throw into the host page: one boundary, a warning at most.
try {
  const script = document.currentScript as HTMLScriptElement | null
  const boot: ConfigResponse | undefined = window.__consentryBootstrap
  const cookieName = boot?.config.consent.cookieName ?? script?.dataset.cookie ?? 'consentry'
  // Before any tag: Consent Mode defaults, the vendors' consent queues and the `__gpp`/`__uspapi` stubs.
  installEarlySignals(earlyConsent(cookieName, boot?.config.services), { waitForUpdateMs: boot?.config.googleConsentMode.waitForUpdateMs ?? 500 })

  const existing = window.consentry
  if (existing && !Array.isArray(existing)) throw new Error('already loaded on this page')
  const queue: QueuedCall[] = Array.isArray(existing) ? [...existing] : []
  window.consentry = { push: (call: QueuedCall) => void queue.push(call) }
  const options = optionsFrom(script)
  // Queued listeners join before start-up, so they hear it too (the first layer's `show`, a GPC decision).
  options.listen = (on) => {
    for (const call of queue.splice(0)) (call as unknown[])[0] === 'on' ? run({ on } as ConsentryHandle, call) : queue.push(call)
  }
  // The rest starts in a task of its own, so the script's own task stays short: nothing above needs it, and tags
  // marked for gating stay inert until gating lets them run. The dialogs and the inline-configuration guards sit
  // beside the script (like `i18n/`), loaded when needed.
  nextTask()
    .then(() => initWith(options, scriptParts(options.i18nBase ?? location.href, options.nonce)))
    .then(
      (handle) => {
        window.consentry = Object.assign(handle, { push: (call: QueuedCall) => run(handle, call) })
        for (const call of queue.splice(0)) run(handle, call)
      },
      (error: unknown) => console.warn('[consentry] banner not started:', error),
    )
} catch (error) {
  console.warn('[consentry] banner not started:', error)
}
