import { accessSync, constants } from 'node:fs'
import type { Browser, LaunchOptions } from 'playwright-core'
import chromiumArgs from './chromium-args.json'

/** The system browser: Debian's Chromium unless CHROMIUM_PATH names another. Never a downloaded one. */
export const defaultChromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Flags that keep headless Chromium quiet on a machine without internet access (and in containers). Kept as
 * JSON so the plain-Node benchmarks (scripts/bench) read the same list; every test launcher comes through here.
 */
export const CHROMIUM_ARGS: readonly string[] = chromiumArgs

/** Thrown when no Chromium is at the path: the message says how to install one. */
export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `No Chromium at ${path}. The scanner drives the system browser, never a downloaded one. ` +
        'Install it (Debian/Ubuntu: `apt-get install chromium`; macOS: install Chromium or Chrome) ' +
        'or set CHROMIUM_PATH to its executable.',
    )
    this.name = 'ChromiumMissingError'
  }
}

/**
 * Launches headless Chromium from `path` with CHROMIUM_ARGS; `options` are merged over them (a test adding a
 * flag passes `args: [...CHROMIUM_ARGS, flag]`). Throws ChromiumMissingError when there is no browser at `path`.
 */
export async function launchSystemChromium(path = defaultChromiumPath(), options: LaunchOptions = {}): Promise<Browser> {
  try {
    accessSync(path, constants.X_OK)
  } catch {
    throw new ChromiumMissingError(path)
  }
  // Loaded on first use: playwright-core takes seconds to import, and the CLI and API load this package eagerly.
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS], ...options })
}
