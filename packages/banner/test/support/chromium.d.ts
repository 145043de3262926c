import { type Browser, type LaunchOptions } from 'playwright-core';
/** Debian's Chromium (never a downloaded browser). `scripts/test.sh` installs it when missing. */
export declare const CHROMIUM_PATH: string;
/** Flags that keep headless Chromium quiet on a machine with no internet. */
export declare const CHROMIUM_ARGS: string[];
/** Launches a real headless Chromium for a browser test. Close it in `afterAll`. */
export declare function launchChromium(options?: LaunchOptions): Promise<Browser>;
