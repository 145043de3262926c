import { describe, expect, it } from 'vitest'
import { codeBlocks, docPaths, loadDoc } from './support/markdown'

/** The sample kinds `samples.test.ts` knows how to run (see CONTRIBUTING.md, "How the docs are tested"). */
export const SAMPLE_KINDS = ['shell', 'embed', 'embed-extra', 'page-script', 'module', 'gated', 'signing-key'] as const

describe('code blocks in the docs', () => {
  const blocks = docPaths().flatMap((d) => codeBlocks(loadDoc(d)))

  it('each say whether they run (<!-- sample: kind -->) or why not (<!-- illustrative: why -->)', () => {
    expect(blocks.length).toBeGreaterThan(20)
    const unmarked = blocks
      .filter((b) => {
        const m = b.marker && /^(sample|illustrative):\s*(\S*)/.exec(b.marker)
        if (!m) return true
        return m[1] === 'sample' ? !(SAMPLE_KINDS as readonly string[]).includes(m[2]!) : m[2] === ''
      })
      .map((b) => `${b.doc}: ${b.text.split('\n')[0]}`)
    expect(unmarked).toEqual([])
  })

  it('run for the most part: illustrative blocks are the exception', () => {
    const illustrative = blocks.filter((b) => b.marker?.startsWith('illustrative'))
    expect(illustrative.length).toBeLessThan(blocks.length / 2)
  })
})
