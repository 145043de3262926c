import { defineProject } from 'vitest/config'

// The docs' runnable samples: shell blocks against a real `consentry serve`, embeds and page scripts in real Chromium.
// They load the built banner, which `npm test` builds first (`pnpm build`).
export default defineProject({
  test: {
    name: 'docs-e2e',
    environment: 'node',
    include: ['test/samples.test.ts'],
    globalSetup: ['../packages/api/test/workers.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
