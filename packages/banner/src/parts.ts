import type { withDefaults } from './config/defaults'
import type * as panels from './ui/panels'

/** The dialogs (preferences center, Do Not Sell) with their renderer, modal handling and stylesheet. */
export type Panels = typeof panels

/**
 * What a first page view may not need. The ES module bundles both (`BUNDLED`); the script tag loads each from
 * its own URL on first use (`scriptParts`), so the first view downloads only the core.
 */
export interface Parts {
  /** The inline-configuration guards: only inline configuration needs them (the API validates its own). */
  guards(): Promise<typeof withDefaults>
  /** The dialogs: needed on Customize, reopen, Do Not Sell, or before the first paint of the `modal` layout. */
  panels(): Panels | Promise<Panels>
}
