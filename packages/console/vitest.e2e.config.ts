import { defineProject } from 'vitest/config'

// The console in real headless Chromium (Debian's), driven by playwright-core, against the demo server on SQLite.
// Needs the built banner, console and demo (`npm run build`).
export default defineProject({
  test: {
    name: 'console-e2e',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
