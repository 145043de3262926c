// What changed between the published configuration and a draft, in words a site owner reads, and whether
// visitors will be asked again: the banner's own rule (a higher policy revision, or other purposes or services).
import { offeredPurposes, purposesFingerprint, type SiteConfig } from '@consentry/shared'

export interface ConfigChange {
  /** Readable location, e.g. `services › ga4 › purpose`. */
  where: string
  kind: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
}

/** Arrays whose items carry an identity: compared by it, so a reorder or an insertion is not a wall of changes. */
const KEYED: Record<string, string> = { services: 'id', storage: 'name' }

/** Every difference between two JSON values, depth first, keyed arrays by their items' identity. */
export function diffConfig(before: unknown, after: unknown, where: string[] = []): ConfigChange[] {
  const at = where.join(' › ') || '(configuration)'
  if (JSON.stringify(before) === JSON.stringify(after)) return []
  if (before === undefined) return [{ where: at, kind: 'added', after }]
  if (after === undefined) return [{ where: at, kind: 'removed', before }]
  const key = KEYED[where.at(-1) ?? '']
  if (key && Array.isArray(before) && Array.isArray(after)) {
    const id = (item: unknown) => String((item as Record<string, unknown>)?.[key])
    const old = new Map(before.map((i) => [id(i), i]))
    const now = new Map(after.map((i) => [id(i), i]))
    const out: ConfigChange[] = []
    for (const [k, v] of now) out.push(...diffConfig(old.get(k), v, [...where, k]))
    for (const [k, v] of old) if (!now.has(k)) out.push({ where: [...where, k].join(' › '), kind: 'removed', before: v })
    return out
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffConfig(before[k], after[k], [...where, k]))
  }
  return [{ where: at, kind: 'changed', before, after }]
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v)
}

export interface RepromptVerdict {
  /** Whether visitors who already decided will see the banner again. */
  askedAgain: boolean
  /** Why, in a sentence each. */
  reasons: string[]
}

/** Whether publishing `draft` over `published` asks visitors again, following `shouldPrompt`'s rules. */
export function repromptVerdict(published: SiteConfig | null, draft: SiteConfig): RepromptVerdict {
  if (!published) return { askedAgain: true, reasons: ['This is the first published version: every visitor is asked.'] }
  const reasons: string[] = []
  const purposesChanged = purposesFingerprint(offeredPurposes(published)) !== purposesFingerprint(offeredPurposes(draft))
  if (purposesChanged) {
    reasons.push('Categories or services changed: visitors are asked again, even those who refused within the last six months.')
  }
  if (draft.policy.revision > published.policy.revision) {
    reasons.push(
      `The policy revision goes from ${published.policy.revision} to ${draft.policy.revision}: visitors are asked again (not during a refusal's or an opt-out's quiet period).`,
    )
  }
  if (draft.consent.lifetimeDays < published.consent.lifetimeDays) {
    reasons.push(`Decisions now last ${draft.consent.lifetimeDays} days instead of ${published.consent.lifetimeDays}: older ones expire sooner.`)
  }
  if (reasons.length === 0)
    return { askedAgain: false, reasons: ['Visitors keep their choices: neither the policy revision nor the categories and services changed.'] }
  return { askedAgain: purposesChanged || draft.policy.revision > published.policy.revision, reasons }
}

/** A value as one short line of text. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return `“${v}”`
  if (isObject(v) && typeof v.name === 'string') return `“${v.name}”`
  const text = JSON.stringify(v)
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}
