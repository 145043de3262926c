import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import GithubSlugger from 'github-slugger'
import { lexer, type Token, type Tokens } from 'marked'

/** The repository root. */
export const REPO = resolve(import.meta.dirname, '../../..')

/** Every doc the tests keep true: the README, CONTRIBUTING.md and the manual in docs/. Paths are repository-relative. */
export function docPaths(): string[] {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'README.md', 'CONTRIBUTING.md', 'docs'], {
    cwd: REPO,
    encoding: 'utf8',
  })
  return [...new Set(tracked.split('\n').filter((p) => /\.md$/.test(p) && !p.includes('node_modules') && !p.startsWith('docs/test/')))].sort()
}

export interface Doc {
  path: string
  text: string
  tokens: Token[]
}

const cache = new Map<string, Doc>()

export function loadDoc(path: string): Doc {
  let doc = cache.get(path)
  if (!doc) {
    const text = readFileSync(resolve(REPO, path), 'utf8')
    doc = { path, text, tokens: lexer(text) }
    cache.set(path, doc)
  }
  return doc
}

/** Visits every token, nested ones included (paragraph text, list items, table cells). */
export function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token)
    const t = token as Token & { tokens?: Token[]; items?: Tokens.ListItem[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] }
    if (t.tokens) walk(t.tokens, visit)
    if (t.items) walk(t.items, visit)
    if (t.header) for (const cell of t.header) walk(cell.tokens, visit)
    if (t.rows) for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit)
  }
}

/** Every link and image target of a doc, as written. */
export function linkTargets(doc: Doc): string[] {
  const out: string[] = []
  walk(doc.tokens, (t) => {
    if (t.type === 'link' || t.type === 'image') out.push((t as Tokens.Link).href)
  })
  return out
}

/** The anchors GitHub makes for a doc's headings. */
export function anchors(doc: Doc): Set<string> {
  const slugger = new GithubSlugger()
  const out = new Set<string>()
  walk(doc.tokens, (t) => {
    if (t.type === 'heading') out.add(slugger.slug(plainText((t as Tokens.Heading).tokens)))
  })
  return out
}

function plainText(tokens: readonly Token[]): string {
  return tokens.map((t) => ('tokens' in t && t.tokens ? plainText(t.tokens) : 'text' in t ? String(t.text) : '')).join('')
}

export interface CodeBlock {
  doc: string
  lang: string
  text: string
  /** The `<!-- sample: … -->` or `<!-- illustrative… -->` comment right above the block, without its delimiters. */
  marker: string | null
}

/** Fenced code blocks with the marker comment that precedes each (see CONTRIBUTING.md). */
export function codeBlocks(doc: Doc): CodeBlock[] {
  const out: CodeBlock[] = []
  let previous: Token | null = null
  walk(doc.tokens, (t) => {
    if (t.type === 'code') {
      const comment = previous?.type === 'html' ? /^<!--\s*([\s\S]*?)\s*-->\s*$/.exec(previous.raw.trim()) : null
      out.push({ doc: doc.path, lang: (t as Tokens.Code).lang ?? '', text: (t as Tokens.Code).text, marker: comment ? comment[1]! : null })
    }
    if (t.type !== 'space') previous = t
  })
  return out
}

export interface CodeSpan {
  doc: string
  text: string
  /** The raw text of the paragraph, list item or table cell the span is in. */
  context: string
  /** The packages named by an `<!-- exports: … -->` comment right above the span's block: its names must be their exports. */
  exportsOf: string[]
}

/** Inline code spans, each with its surrounding text and the `<!-- exports: … -->` marker right above its block, if any. */
export function codeSpans(doc: Doc): CodeSpan[] {
  const out: CodeSpan[] = []
  let pending: string[] = []
  for (const block of doc.tokens) {
    if (block.type === 'space') continue
    const marker = block.type === 'html' ? /^<!--\s*exports:\s*([^>]*?)\s*-->/.exec(block.raw.trim()) : null
    if (marker) {
      pending = marker[1]!.split(/\s+/)
      continue
    }
    const exportsOf = pending
    pending = []
    let context = block.raw
    walk([block], (t) => {
      if (t.type === 'paragraph' || t.type === 'list_item') context = t.raw
      if (t.type === 'codespan') out.push({ doc: doc.path, text: (t as Tokens.Codespan).text, context, exportsOf })
    })
  }
  return out
}
