// The dialogs, loaded together when first needed (`Parts.panels`), with the Preact that renders them.
import { h, render } from 'preact'
import { Preferences } from './preferences'
import { DoNotSell } from './do-not-sell'
import { el, type Child } from './dom'
import { modal } from './focus-trap'
import type { BuiltLayer, Panel, UiProps } from './types'

export { PANEL_CSS, MODAL_LAYER_CSS } from './panel-styles'
export { enDialogs } from '../i18n/en-dialogs'

/** Renders the open dialog into `host`, or none; the same dialog keeps its state across repaints. */
export function renderDialog(host: HTMLElement, open: { panel: NonNullable<Panel>; props: UiProps } | null): void {
  render(open && h(open.panel === 'preferences' ? Preferences : DoNotSell, open.props), host)
}

/** The `modal` layout's first layer: the core's content in a labelled modal dialog over the page. */
export function modalLayer(content: Child[]): BuiltLayer {
  const dialog = el(
    'div',
    { class: 'dialog first', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'cs-banner-title', 'aria-describedby': 'cs-banner-desc', tabindex: -1 },
    ...content,
  )
  return { node: el('div', { class: 'overlay' }, dialog), connected: () => modal(dialog) }
}
