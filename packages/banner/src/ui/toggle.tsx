import type { DialogTexts } from './types'

export interface ToggleProps {
  on: boolean
  /** Id of the element naming what the switch controls. */
  labelledBy: string
  describedBy?: string
  /** Essential: shown on, not changeable. */
  locked?: boolean
  /** What a locked switch says instead of "Always on" (GPC: off, "Opt-out request honored"). */
  lockedText?: string
  t: DialogTexts
  onChange: (on: boolean) => void
}

/** An accessible switch: `role="switch"` with `aria-checked`, and its state as visible text, not colour alone. */
export function Toggle({ on, labelledBy, describedBy, locked, lockedText, t, onChange }: ToggleProps) {
  return (
    <button
      type="button"
      role="switch"
      class="switch"
      aria-checked={on}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-disabled={locked || undefined}
      onClick={() => !locked && onChange(!on)}
    >
      <span class="track" aria-hidden="true" />
      <span class="state" aria-hidden="true">
        {locked ? (lockedText ?? t['preferences.alwaysOn']) : on ? t['toggle.on'] : t['toggle.off']}
      </span>
    </button>
  )
}
