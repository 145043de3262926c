import { existsSync, statSync } from 'node:fs'
import { dirname, join, normalize, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { anchors, docPaths, linkTargets, loadDoc, REPO } from './support/markdown'

/** A link's file (repository-relative) and anchor, or null for links that leave the repository. */
function target(from: string, href: string): { file: string; anchor: string | null } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null // https:, mailto:
  const [path, anchor] = href.split('#') as [string, string | undefined]
  return { file: path ? normalize(join(dirname(from), decodeURIComponent(path))) : from, anchor: anchor ?? null }
}

describe('docs links', () => {
  const docs = docPaths()

  it('finds the docs it checks', () => {
    expect(docs).toContain('README.md')
    expect(docs).toContain('CONTRIBUTING.md')
    expect(docs.filter((d) => d.startsWith('docs/')).length).toBeGreaterThan(5)
  })

  it.each(docs)('%s links only to files and anchors that exist', (path) => {
    const broken: string[] = []
    for (const href of linkTargets(loadDoc(path))) {
      const t = target(path, href)
      if (!t) continue
      const abs = resolve(REPO, t.file)
      if (!existsSync(abs)) {
        broken.push(`${href}: no file ${t.file}`)
        continue
      }
      if (t.anchor !== null && t.file.endsWith('.md') && !anchors(loadDoc(t.file)).has(t.anchor)) broken.push(`${href}: no heading #${t.anchor} in ${t.file}`)
      if (t.anchor !== null && !t.file.endsWith('.md') && statSync(abs).isFile()) broken.push(`${href}: an anchor into a file that is not markdown`)
    }
    expect(broken).toEqual([])
  })

  it('reaches every doc from README.md by links', () => {
    const seen = new Set<string>(['README.md'])
    const queue = ['README.md']
    while (queue.length) {
      const from = queue.shift()!
      for (const href of linkTargets(loadDoc(from))) {
        const t = target(from, href)
        if (t?.file.endsWith('.md') && !seen.has(t.file) && existsSync(resolve(REPO, t.file))) {
          seen.add(t.file)
          queue.push(t.file)
        }
      }
    }
    expect(docs.filter((d) => !seen.has(d))).toEqual([])
  })
})
