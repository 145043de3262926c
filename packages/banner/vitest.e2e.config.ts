import { defineProject } from 'vitest/config'

// Browser tests: real headless Chromium (Debian's) driven by playwright-core against pages served on 127.0.0.1.
// They load dist/consentry.js, which `npm test` builds first (`pnpm build`).
export default defineProject({
  test: {
    name: 'banner-e2e',
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
