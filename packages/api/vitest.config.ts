import { defineProject } from 'vitest/config'

// Unit and integration tests on SQLite: no database server needed. Suites written per store
// (`describe.each(STORES)`) run here on SQLite, and on PostgreSQL in `vitest.postgres.config.ts`.
export default defineProject({
  test: {
    name: 'api',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.postgres.test.ts', '**/node_modules/**'],
    provide: { stores: ['sqlite'] },
    globalSetup: ['./test/workers.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
