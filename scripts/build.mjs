// Builds what is shipped and what the demo serves, in dependency order: the banner bundle, the console, the API
// server bundle, then the examples (the single-page app and the demo server). Each lives in
// <dir>/scripts/build.mjs; a missing one is skipped.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

for (const dir of ['packages/banner', 'packages/console', 'packages/api', 'examples/spa', 'examples/demo']) {
  const script = `${dir}/scripts/build.mjs`
  if (!existsSync(script)) continue
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`build failed in ${dir}`)
    process.exit(result.status ?? 1)
  }
}
