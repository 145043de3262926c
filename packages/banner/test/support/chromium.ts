import type { Browser, LaunchOptions } from 'playwright-core'
import { CHROMIUM_ARGS, launchSystemChromium } from '@consentry/scanner/browser'

// Browser tests launch Chromium exactly as the scanner does: one path rule, one list of flags.
export { CHROMIUM_ARGS }

/** Launches a real headless Chromium (the system's, never a downloaded one) for a browser test. Close it in `afterAll`. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return launchSystemChromium(undefined, options)
}
