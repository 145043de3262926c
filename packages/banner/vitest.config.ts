import { defineProject } from 'vitest/config'

// Component and unit tests: Preact in happy-dom.
export default defineProject({
  test: { name: 'banner', environment: 'happy-dom', include: ['src/**/*.test.{ts,tsx}'] },
})
