import { Component, createRef, type ComponentChildren } from 'preact'
import { modal } from './focus-trap'

export interface DialogProps {
  labelId: string
  descId: string
  /** Escape closes (without granting anything); omitted: Escape does nothing. */
  onEscape?: () => void
  class?: string
  children: ComponentChildren
}

/**
 * A modal dialog (APG): labelled, `aria-modal`, focus moved in, trapped, and returned on close.
 * A class component: it keeps `preact/hooks` out of the bundle.
 */
export class Dialog extends Component<DialogProps> {
  _ref = createRef<HTMLDivElement>()
  _release?: () => void

  override componentDidMount() {
    this._release = modal(this._ref.current!, this.props.onEscape && (() => this.props.onEscape?.()))
  }

  override componentWillUnmount() {
    this._release?.()
  }

  render({ labelId, descId, children, class: cls }: DialogProps) {
    return (
      <div class="overlay">
        <div ref={this._ref} class={`dialog ${cls ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={labelId} aria-describedby={descId} tabIndex={-1}>
          {children}
        </div>
      </div>
    )
  }
}
