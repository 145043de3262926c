import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The worker threads of the API, each a typed module bundled by `scripts/build-workers.mjs`. */
export type WorkerName = 'sqlite-writer' | 'signing'

/**
 * The bundled worker, found by walking up from this module: `workers/` beside a bundle (`dist/cli.js`, the
 * demo's `dist/server.js`), or the package's `dist/workers/` when running from the sources (tests build it).
 */
export function workerFile(name: WorkerName): URL {
  const from = fileURLToPath(import.meta.url)
  let dir = dirname(from)
  for (let i = 0; i < 5; i++) {
    for (const candidate of [join(dir, 'workers', `${name}.mjs`), join(dir, 'dist', 'workers', `${name}.mjs`)]) {
      if (existsSync(candidate)) return pathToFileURL(candidate)
    }
    dir = dirname(dir)
  }
  throw new Error(`the ${name} worker bundle (workers/${name}.mjs) is not built above ${from}: run pnpm build`)
}
