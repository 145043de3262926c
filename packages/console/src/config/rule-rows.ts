// The rows of the regime rules editor and the rules they stand for (`jurisdiction.rules`, a record by code).
import type { Regime, RegimeRules } from '@consentry/shared'

export interface RuleRow {
  code: string
  regime: Regime
}

/** A row per rule, in the record's order. */
export const rowsOf = (rules: RegimeRules | undefined): RuleRow[] => Object.entries(rules ?? {}).map(([code, regime]) => ({ code, regime }))

/** The rules rows stand for: a blank code is no rule yet, and a code typed again keeps its first row. */
export function rulesOf(rows: readonly RuleRow[]): RegimeRules {
  const rules = new Map<string, Regime>()
  for (const { code, regime } of rows) if (code && !rules.has(code)) rules.set(code, regime)
  return Object.fromEntries(rules)
}

/** The index of an earlier row with the same code, or -1. */
export const earlierRow = (rows: readonly RuleRow[], i: number): number => rows.findIndex((r, j) => j < i && r.code !== '' && r.code === rows[i]!.code)
