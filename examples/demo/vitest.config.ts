import { defineProject } from 'vitest/config'

// The demo, started exactly as the README says (`npm start`), walked in real Chromium.
export default defineProject({
  test: {
    name: 'demo-e2e',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
})
