import { defineProject } from 'vitest/config'

// Checks that keep the docs true without a browser: links, names of exports, routes, variables and commands, conformance ids.
// The route check opens a real SQLite store, whose writer thread is bundled by the API's global setup.
export default defineProject({
  test: {
    name: 'docs',
    environment: 'node',
    include: ['test/*.test.ts'],
    exclude: ['test/samples.test.ts'],
    globalSetup: ['../packages/api/test/workers.global-setup.ts'],
  },
})
