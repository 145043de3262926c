import { resolveInline } from './config/inline'
import * as panels from './ui/panels'
import * as us from './signals/us-cmp-data'
import * as remove from './cleanup/remove'
import * as outbox from './delivery/outbox'
import * as embeds from './gating/embeds'
import { enRegimes } from './i18n/en-regimes'
import * as declaration from './declaration/declaration'
import type { Parts } from './parts'

/** Everything in one module graph: what `init()` from the ES module uses (an app's bundler splits if it likes). */
export const BUNDLED: Parts = {
  inline: async () => resolveInline,
  panels: () => panels,
  us: () => us,
  cleanup: () => remove,
  delivery: () => outbox,
  embeds: () => embeds,
  texts: () => enRegimes,
  declaration: () => declaration,
}
