// The dialogs, loaded together when first needed (`Parts.panels`), with the Preact that renders them.
import { h, render } from 'preact'
import { Preferences } from './preferences'
import { DoNotSell } from './do-not-sell'
import type { Panel, UiProps } from './types'

export { modal } from './focus-trap'
export { PANEL_CSS } from './panel-styles'
export { enDialogs } from '../i18n/en-dialogs'

/** Renders the open dialog into `host` (or nothing); the same dialog keeps its state across repaints. */
export function renderDialog(host: HTMLElement, panel: Panel, props: UiProps): void {
  render(panel === 'preferences' ? h(Preferences, props) : panel === 'dns' ? h(DoNotSell, props) : null, host)
}
