import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef } from 'preact/hooks'
import { trapFocus } from './focus-trap'

export interface DialogProps {
  labelId: string
  descId: string
  /** Escape closes (without granting anything); omitted: Escape does nothing. */
  onEscape?: () => void
  class?: string
  children: ComponentChildren
}

/** A modal dialog (APG): labelled, `aria-modal`, focus moved in, trapped, and returned on close. */
export function Dialog({ labelId, descId, onEscape, children, class: cls }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  const escape = useRef(onEscape)
  escape.current = onEscape
  useLayoutEffect(() => trapFocus(ref.current!, onEscape && (() => escape.current?.())), [])
  return (
    <div class="overlay">
      <div ref={ref} class={`dialog ${cls ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={labelId} aria-describedby={descId} tabIndex={-1}>
        {children}
      </div>
    </div>
  )
}
