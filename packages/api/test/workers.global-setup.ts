import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** Bundles the worker threads from their sources into dist/workers (Node 20 cannot run our .ts in a worker). */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-workers.mjs')], { stdio: 'inherit' })
}
