import type { resolveInline } from './config/inline'
import type * as panels from './ui/panels'
import type * as us from './signals/us-cmp-data'
import type * as remove from './cleanup/remove'
import type * as outbox from './delivery/outbox'
import type * as embeds from './gating/embeds'
import type { enRegimes } from './i18n/en-regimes'
import type * as declaration from './declaration/declaration'

/** The dialogs (preferences center, Do Not Sell) with their renderer, modal handling and stylesheet. */
export type Panels = typeof panels

/** The US privacy signal encoders (GPP usnat/usca, USP). */
export type UsSignals = typeof us

/** Removal of a withdrawn service's cookies and storage keys. */
export type Cleanup = typeof remove

/** The outbox that delivers consent records (retries, backoff, `sendBeacon`). */
export type Delivery = typeof outbox

/** Click-to-load placeholders for gated iframes. */
export type Embeds = typeof embeds

/** English for the first layer under the opt-out and notice regimes, on essential-only sites and for US opt-out links. */
export type RegimeTexts = typeof enRegimes

/** The cookie declaration renderer for `[data-consentry-declaration]` elements. */
export type Declaration = typeof declaration

/** A part as its loader gives it: at once when bundled, or once its chunk has loaded. */
export type Loaded<T> = T | Promise<T>

/**
 * What a first page view may not need. The ES module bundles every part (`BUNDLED`); the script tag loads each
 * from its own URL on first use (`scriptParts`), so the first view downloads only the core.
 */
export interface Parts {
  /** Inline configuration's guards and jurisdiction rules (a configuration from the API needs neither). */
  inline(): Promise<typeof resolveInline>
  /** The dialogs: needed on Customize, reopen, Do Not Sell, or before the first paint of the `modal` layout. */
  panels(): Loaded<Panels>
  /** The GPP and USP encoders: needed only under US jurisdictions. */
  us(): Loaded<UsSignals>
  /** Cookie and storage removal: needed on a withdrawal, or when refused services left something behind. */
  cleanup(): Loaded<Cleanup>
  /** The outbox: needed once a decision (or one left by an earlier page) waits for delivery. */
  delivery(): Loaded<Delivery>
  /** The click-to-load frame gate: needed when the page has a gated iframe. */
  embeds(): Loaded<Embeds>
  /** English for the opt-out, notice and essential-only first layers and US opt-out links (`enRegimes`): before such a first paint. */
  texts(): Loaded<RegimeTexts>
  /** The cookie declaration: needed when the page has a `[data-consentry-declaration]` element. */
  declaration(): Loaded<Declaration>
}

/** Runs `then` with the part, synchronously when it is already here; a part that fails to load is reported. */
export function withPart<T>(part: Loaded<T>, then: (value: T) => void, what: string): void {
  if (!(part instanceof Promise)) return then(part)
  part.then(then, (error: unknown) => console.warn(`[consentry] ${what} not loaded:`, error))
}

/** Waits for a part; one that fails to load is reported and `fallback` stands in. */
export async function loadPart<T>(part: Loaded<T>, what: string, fallback: T): Promise<T> {
  try {
    return await part
  } catch (error) {
    console.warn(`[consentry] ${what} not loaded:`, error)
    return fallback
  }
}
