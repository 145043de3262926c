import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { REPO } from './markdown'

const read = (path: string) => readFileSync(resolve(REPO, path), 'utf8')

/** The public entry of each package name a doc may cite, as its package.json `exports` map says. */
export const ENTRIES: Record<string, string> = {
  '@consentry/shared': 'packages/shared/src/index.ts',
  '@consentry/shared/schemas': 'packages/shared/src/schemas/index.ts',
  '@consentry/banner': 'packages/banner/src/index.ts',
  '@consentry/api': 'packages/api/src/index.ts',
}

/** Names an entry file exports, values and types alike, read from its `export` statements. */
export function exportsOf(entry: string): Set<string> {
  const source = read(ENTRIES[entry] ?? entry).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
  const names = new Set<string>()
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()!
        .trim()
      if (name) names.add(name)
    }
  }
  for (const m of source.matchAll(/export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g))
    names.add(m[1]!)
  if (/export\s+\*/.test(source)) throw new Error(`${entry} re-exports with export *: list its names instead`)
  return names
}

/** Every name exported by any public entry. */
export function allExports(): Set<string> {
  return new Set(Object.keys(ENTRIES).flatMap((e) => [...exportsOf(e)]))
}

/** Members of an interface declared in a source file (for the `ConsentryHandle` and `ConsentSource` the docs describe). */
export function interfaceMembers(path: string, name: string): Set<string> {
  const source = read(path)
  const start = source.indexOf(`interface ${name}`)
  if (start < 0) throw new Error(`no interface ${name} in ${path}`)
  const body = source.slice(source.indexOf('{', start) + 1)
  let depth = 1
  let end = 0
  while (depth > 0 && end < body.length) {
    const ch = body[end++]
    if (ch === '{') depth++
    if (ch === '}') depth--
  }
  const members = new Set<string>()
  for (const line of body.slice(0, end - 1).split('\n')) {
    const m = /^\s{2}(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/.exec(line)
    if (m) members.add(m[1]!)
  }
  return members
}

function trackedFiles(...paths: string[]): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...paths], { cwd: REPO, encoding: 'utf8' })
    .split('\n')
    .filter((p) => p && !p.includes('node_modules') && !p.includes('/dist/'))
}

/** Environment variables the code reads: `env.NAME` / `process.env.NAME` / `env['NAME']` in sources, `$NAME` in shell scripts. */
export function envVarsRead(): Set<string> {
  const names = new Set<string>()
  for (const file of trackedFiles('packages', 'examples', 'scripts')) {
    if (/\.(ts|tsx|mjs|js|cjs)$/.test(file) && !/\.test\.tsx?$/.test(file)) {
      for (const m of read(file).matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) names.add((m[1] ?? m[2])!)
    } else if (/\.sh$/.test(file)) {
      for (const m of read(file).matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) names.add(m[1]!)
    }
  }
  return names
}

/** The commands `consentry <cmd>` of packages/api/src/cli.ts: the `case` labels of its dispatch, and the commands it hands on. */
export function cliCommands(): Set<string> {
  const source = read('packages/api/src/cli.ts')
  const cases = [...source.matchAll(/case '([a-z]+(?: [a-z]+)?)'/g)].map((m) => m[1]!)
  // Commands handed to another package before the dispatch (`if (argv[0] === 'scan')`).
  const early = [...source.matchAll(/argv\[0\] === '([a-z]+)'/g)].map((m) => m[1]!)
  return new Set([...cases, ...early])
}
