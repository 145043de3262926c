// Per-site regimes by country or region (`jurisdiction.rules`): one row per rule, in order. The API judges each code;
// the rows only keep what the draft cannot hold yet (a blank code, a code typed twice) on screen until it can.
import { REGIMES, type RegimeRules } from '@consentry/shared'
import { useEffect, useRef, useState } from 'preact/hooks'
import { SelectField, TextField } from '../ui/fields'
import { dotted, getAt, setAt } from './paths'
import { earlierRow, type RuleRow, rowsOf, rulesOf } from './rule-rows'
import type { SectionProps } from './sections'

const RULES = ['jurisdiction', 'rules'] as const

export function RulesEditor(props: SectionProps) {
  const stored = getAt(props.value, RULES) as RegimeRules | undefined
  const [rows, setRows] = useState(() => rowsOf(stored))
  const list = useRef<HTMLDivElement>(null)
  const focusAfter = useRef<'added' | 'removed' | undefined>(undefined)

  // The draft changed elsewhere (the JSON view, an import, "Discard changes"): its rules replace the rows.
  useEffect(() => {
    if (JSON.stringify(rulesOf(rows)) !== JSON.stringify(stored ?? {})) setRows(rowsOf(stored))
  }, [stored])

  // Keyboard users land on the new row's code, or back on "Add a rule" when the row they were on is gone.
  useEffect(() => {
    const to = focusAfter.current
    focusAfter.current = undefined
    if (to === 'added') list.current?.querySelector<HTMLInputElement>('.rule-item:last-child input')?.focus()
    if (to === 'removed') list.current?.parentElement?.querySelector<HTMLButtonElement>('button.add-rule')?.focus()
  }, [rows.length])

  const change = (next: RuleRow[]) => {
    setRows(next)
    props.onChange(setAt(props.value, RULES, rulesOf(next)))
  }
  const update = (i: number, patch: Partial<RuleRow>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  return (
    <>
      <h3 class="subhead">Rules by country or region</h3>
      <p class="hint">
        Your own regime for a country (CA) or a region (CA-QC), as ISO 3166 codes. A region beats its country, and both beat the built-in rules.
      </p>
      <div ref={list}>
        {rows.map((row, i) => {
          const earlier = earlierRow(rows, i)
          return (
            // biome-ignore lint/a11y/useSemanticElements: a grid row of fields, named for screen readers; a fieldset would break the grid
            <div key={i} class="rule-item grid" role="group" aria-label={`Rule ${i + 1}`}>
              <TextField
                label="Country or region"
                placeholder="CA or CA-QC"
                path={row.code ? dotted([...RULES, row.code]) : undefined}
                error={earlier >= 0 ? `${row.code} already has a rule above` : undefined}
                value={row.code}
                onInput={(v) => update(i, { code: v.trim().toUpperCase() })}
              />
              <SelectField label="Regime" value={row.regime} options={REGIMES} onChange={(regime) => update(i, { regime })} />
              <button
                type="button"
                class="danger small"
                onClick={() => {
                  focusAfter.current = 'removed'
                  change(rows.filter((_, j) => j !== i))
                }}
              >
                Remove rule {row.code || i + 1}
              </button>
            </div>
          )
        })}
      </div>
      <button
        type="button"
        class="secondary add-rule"
        onClick={() => {
          focusAfter.current = 'added'
          setRows([...rows, { code: '', regime: 'opt_in' }])
        }}
      >
        Add a rule
      </button>
    </>
  )
}
