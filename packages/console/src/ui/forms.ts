import type { FieldIssue } from '../api'

/** Issues by path, for `IssuesContext`. A path may carry several; the first is shown. */
export function issueMap(issues: readonly FieldIssue[]): Map<string, string> {
  const m = new Map<string, string>()
  for (const i of issues) {
    // `allowedOrigins.2` is shown at the list's own field.
    const at = i.path.replace(/^(allowedOrigins)\.\d+$/, '$1')
    if (!m.has(at)) m.set(at, i.message)
  }
  return m
}

/** Non-empty trimmed lines of a textarea. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** A time as the site owner's local date and time. */
export const when = (ms: number | null | undefined): string => (ms ? new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—')

/** Saves text as a file download. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
