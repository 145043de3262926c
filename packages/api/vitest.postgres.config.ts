import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
const testFiles = ['src', 'test'].flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`),
)

// The same suites on a throwaway PostgreSQL server (its binaries must be installed; `npm test` does it):
// every suite written per store (`describe.each(STORES)`), and the PostgreSQL-only `*.postgres.test.ts`.
export default defineProject({
  test: {
    name: 'api-postgres',
    environment: 'node',
    include: testFiles.filter((f) => f.endsWith('.postgres.test.ts') || /\bSTORES\b/.test(readFileSync(join(root, f), 'utf8'))),
    provide: { stores: ['postgres'] },
    globalSetup: ['./test/workers.global-setup.ts', './test/postgres.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
