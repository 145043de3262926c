import { describe, expect, it } from 'vitest'
import { ChromiumMissingError, launchSystemChromium } from './launch'

describe('launchSystemChromium', () => {
  it('says how to install Chromium when there is none at the path, and never downloads one', async () => {
    const error = await launchSystemChromium('/nonexistent/chromium').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChromiumMissingError)
    expect((error as Error).message).toMatch(/No Chromium at \/nonexistent\/chromium.*apt-get install chromium.*CHROMIUM_PATH/)
  })
})
