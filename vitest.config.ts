import { defineConfig } from 'vitest/config'

// One run covers every package; each package's vitest.config.ts names its project and environment.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest*.config.ts', 'examples/*/vitest*.config.ts', 'docs/vitest*.config.ts'],
  },
})
