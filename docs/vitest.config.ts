import { defineProject } from 'vitest/config'

// Checks that keep the docs true without a browser: links, names of exports, routes, variables and commands, conformance ids.
export default defineProject({
  test: { name: 'docs', environment: 'node', include: ['test/*.test.ts'], exclude: ['test/samples.test.ts'] },
})
