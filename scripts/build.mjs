// Builds what is shipped: the banner bundle (when present) and the API server bundle.
// Each package may provide scripts/build.mjs; this runs them in order.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

for (const pkg of ['banner', 'api']) {
  const script = `packages/${pkg}/scripts/build.mjs`
  if (!existsSync(script)) continue
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
