import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'api',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starts a throwaway PostgreSQL server for the run; every suite runs on SQLite and on it.
    globalSetup: ['./test/postgres.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
