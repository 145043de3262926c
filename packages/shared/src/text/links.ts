/**
 * Links in configuration texts: `[label](https://…)`, nothing else. No HTML, only `https:` URLs without
 * credentials. Parsed into segments that the banner turns into DOM nodes (never markup).
 */

/** A piece of text: plain, or a link. */
export type TextSegment = string | { label: string; href: string }

const LINK = /\[([^[\]\n]{1,200})\]\(([^()\s]{1,2048})\)/g
const CANDIDATE = /\[([^[\]\n]*)\]\(([^)\s]*)/g
const HTML = /<\/?[a-z][^>]*>/i

/** Absolute https, a host of letters, digits, dots and hyphens (no credentials), then a path free of quotes and brackets. */
const SAFE_URL = /^https:\/\/(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::\d{1,5})?(?:[/?#][^\s"'<>()\\`]*)?$/i

/** The URL when it is a safe link target, else null. */
export function safeHref(raw: string): string | null {
  return SAFE_URL.test(raw) ? raw : null
}

/**
 * Splits a text into plain runs and links. A link whose URL is not safe stays plain text, brackets and all.
 * @example parseLinks('See [our policy](https://example.com/p).') // ['See ', { label: 'our policy', href: 'https://example.com/p' }, '.']
 */
export function parseLinks(text: string): TextSegment[] {
  const out: TextSegment[] = []
  let last = 0
  for (const m of text.matchAll(LINK)) {
    const href = safeHref(m[2]!)
    if (!href) continue
    if (m.index > last) out.push(text.slice(last, m.index))
    out.push({ label: m[1]!, href })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

/** Why a configuration text's links would not render as links (for the schema's errors); empty when fine. */
export function linkIssues(text: string): string[] {
  const issues: string[] = []
  if (HTML.test(text)) issues.push('HTML is not supported in texts; write a link as [label](https://…)')
  for (const m of text.matchAll(CANDIDATE)) {
    if (!m[1]) issues.push(`link "${m[0]}" has no label`)
    else if (!safeHref(m[2]!)) issues.push(`link "${m[0]}" must point to an absolute https:// URL without credentials or spaces`)
  }
  return issues
}
