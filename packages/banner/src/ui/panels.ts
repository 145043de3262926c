// The dialogs, loaded together when first needed (`Parts.panels`).
export { Preferences } from './preferences'
export { DoNotSell } from './do-not-sell'
export { Dialog } from './dialog'
export { PANEL_CSS } from './panel-styles'
export { enDialogs } from '../i18n/en-dialogs'
