import { defineProject } from 'vitest/config'

// Unit tests of the console's pure parts (config diff, receipt check).
export default defineProject({
  test: { name: 'console', environment: 'node', include: ['src/**/*.test.{ts,tsx}'] },
})
