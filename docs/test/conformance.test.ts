import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from './support/markdown'

/**
 * A requirement id: an area of 2–5 capitals or digits starting with a letter, a dash, two digits (EU-03, A11Y-04).
 * Not followed by `/` (`EDPB-05/2020` names a guideline, not a requirement) or by another digit.
 */
const ID = /\b([A-Z][A-Z0-9]{1,4}-\d{2})\b(?![/\d])/g
/** Words of that shape that are not requirement ids. */
const NOT_IDS = new Set(['UTF-16'])

interface Row {
  id: string
  testedIn: string[]
}

function definedIds(): Row[] {
  const rows: Row[] = []
  for (const line of readFileSync(resolve(REPO, 'docs/conformance.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 6 || !/^[A-Z][A-Z0-9]{1,4}-\d{2}$/.test(cells[1]!)) continue
    rows.push({ id: cells[1]!, testedIn: [...cells[4]!.matchAll(/`([^`]+\.test\.tsx?)`/g)].map((m) => m[1]!) })
  }
  return rows
}

function usedIds(): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'packages', 'examples', 'scripts'], {
    cwd: REPO,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mjs|js|html)$/.test(f) && !f.includes('node_modules') && !f.includes('/dist/') && existsSync(resolve(REPO, f)))
  const used = new Map<string, string[]>()
  for (const file of files) {
    for (const m of readFileSync(resolve(REPO, file), 'utf8').matchAll(ID)) {
      if (NOT_IDS.has(m[1]!)) continue
      used.set(m[1]!, [...new Set([...(used.get(m[1]!) ?? []), file])])
    }
  }
  return used
}

describe('docs/conformance.md', () => {
  const rows = definedIds()

  it('defines each id once', () => {
    expect(rows.length).toBeGreaterThan(50)
    expect(rows.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i)).toEqual([])
  })

  it('defines every requirement id the code and tests use', () => {
    const defined = new Set(rows.map((r) => r.id))
    const used = usedIds()
    expect(used.size).toBeGreaterThan(30)
    const undefinedIds = [...used].filter(([id]) => !defined.has(id)).map(([id, files]) => `${id} (${files.join(', ')})`)
    expect(undefinedIds).toEqual([])
  })

  it('lists under "tested in" only test files that name the id', () => {
    const wrong: string[] = []
    for (const { id, testedIn } of rows) {
      for (const file of testedIn) {
        const path = resolve(REPO, file)
        if (!existsSync(path)) wrong.push(`${id}: ${file} does not exist`)
        else if (!new RegExp(`\\b${id}\\b`).test(readFileSync(path, 'utf8'))) wrong.push(`${id}: ${file} does not name it`)
      }
    }
    expect(wrong).toEqual([])
  })
})
