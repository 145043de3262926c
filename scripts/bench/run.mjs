// `pnpm bench`: runs every benchmark in scripts/bench/ (other than this file) in turn.
// Each prints its own table with ratios against a baseline measured in the same run.
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const only = process.argv[2]
const dir = import.meta.dirname
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (!only || f.startsWith(only))).sort()
if (benches.length === 0) console.log('no benchmarks found')
let failed = false
for (const file of benches) {
  console.log(`\n### ${file}`)
  const result = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' })
  failed ||= result.status !== 0
}
process.exit(failed ? 1 : 0)
