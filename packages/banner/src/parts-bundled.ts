import { withDefaults } from './config/defaults'
import * as panels from './ui/panels'
import type { Parts } from './parts'

/** Everything in one module graph: what `init()` from the ES module uses (an app's bundler splits if it likes). */
export const BUNDLED: Parts = {
  guards: async () => withDefaults,
  panels: () => panels,
}
