import { defineProject } from 'vitest/config'

// Unit tests of the pure parts (catalogue, Open Cookie Database import, classification, report) and browser
// tests that scan pages served on 127.0.0.1 with Debian's Chromium.
export default defineProject({
  test: {
    name: 'scanner',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
})
