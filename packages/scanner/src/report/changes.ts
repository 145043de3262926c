import type { Changes, Finding, ScanResult } from './result-schema'

type Classification = ScanResult['cookies'][number]['classification']

/**
 * A name that stays the same from scan to scan: the declared or known prefix (`_ga_*`) for names that carry an id
 * (`_ga_ABC123`, `_da_s_x7k2`), else the name itself.
 */
export function stableName(item: { name: string; classification: Classification }): string {
  const pattern = item.classification.declared?.pattern ?? item.classification.known?.pattern
  return pattern?.match === 'prefix' && item.name.startsWith(pattern.name) ? `${pattern.name}*` : item.name
}

/** What a scan observed, as stable keys: cookies by name and domain, storage by kind and name, requests by host. */
export function observedKeys(result: Pick<ScanResult, 'cookies' | 'storage' | 'requests'>): string[] {
  return [
    ...result.cookies.map((c) => `cookie:${stableName(c)}@${c.domain}`),
    ...result.storage.map((s) => `${s.kind}:${stableName(s)}`),
    ...result.requests.map((r) => `request:${r.host}`),
  ]
}

/** What changed since the previous scan of the site: items added and removed, and findings that are new. */
export function compareScans(
  current: Pick<ScanResult, 'cookies' | 'storage' | 'requests' | 'findings'>,
  previous: Pick<ScanResult, 'cookies' | 'storage' | 'requests' | 'findings' | 'finishedAt'>,
): Changes {
  const now = new Set(observedKeys(current))
  const before = new Set(observedKeys(previous))
  const oldFindings = new Set(previous.findings.map((f) => f.key))
  return {
    previousScanAt: previous.finishedAt,
    added: [...new Set([...now].filter((k) => !before.has(k)))].sort(),
    removed: [...new Set([...before].filter((k) => !now.has(k)))].sort(),
    newFindings: current.findings.filter((f) => !oldFindings.has(f.key)).map((f) => f.key),
  }
}

export const FAIL_ON = ['new', 'undeclared', 'before-consent'] as const
export type FailOn = (typeof FAIL_ON)[number]

const BEFORE: ReadonlySet<Finding['kind']> = new Set(['before_consent', 'after_reject'])

/** The reasons a CI run should fail, for each `--fail-on` condition that holds (empty: pass). */
export function failureReasons(result: Pick<ScanResult, 'findings' | 'changes'>, failOn: readonly FailOn[]): string[] {
  const reasons: string[] = []
  if (failOn.includes('new') && result.changes?.added.length) reasons.push(`new since the previous scan: ${result.changes.added.join(', ')}`)
  const undeclared = result.findings.filter((f) => f.kind === 'undeclared')
  if (failOn.includes('undeclared') && undeclared.length) reasons.push(`undeclared: ${undeclared.map((f) => f.subject.name).join(', ')}`)
  const early = result.findings.filter((f) => BEFORE.has(f.kind))
  if (failOn.includes('before-consent') && early.length)
    reasons.push(`set or sent before consent or after rejection: ${[...new Set(early.map((f) => f.subject.name))].join(', ')}`)
  return reasons
}
