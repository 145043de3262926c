// `pnpm bench`: runs every benchmark in scripts/bench/ (other than this file) in turn.
// Each prints its own table with ratios against a baseline measured in the same run.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const only = process.argv[2]
const dir = import.meta.dirname

// The banners compared against are this folder's own dependencies, outside the workspace, so `npm start` and
// `npm test` never install them: installed here on the first run, and again when the lockfile changes.
const installed = join(dir, 'node_modules', '.modules.yaml')
if (!existsSync(installed) || statSync(join(dir, 'pnpm-lock.yaml')).mtimeMs > statSync(installed).mtimeMs) {
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@10']
  const args = [...pnpm.slice(1), 'install', '--frozen-lockfile', '--ignore-workspace']
  console.log("installing the bench's comparison banners (scripts/bench/pnpm-lock.yaml)")
  const result = spawnSync(pnpm[0], args, { cwd: dir, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs') && (!only || f.startsWith(only)))
  .sort()
if (benches.length === 0) console.log('no benchmarks found')
let failed = false
for (const file of benches) {
  console.log(`\n### ${file}`)
  const result = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' })
  failed ||= result.status !== 0
}
process.exit(failed ? 1 : 0)
