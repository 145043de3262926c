import { FirstLayer } from './first-layer'
import { gpcStatusShown, type CoreUiProps } from './types'
import { isRtl } from '../i18n/locales'

/**
 * Everything the banner renders inside its shadow root: the first layer, the open dialog, and a corner with
 * the reopen button and a status line (saved / GPC honoured) that is announced without moving focus.
 */
export function App(props: CoreUiProps) {
  const { t, locale, snapshot, view, actions, panels } = props
  const { config } = snapshot
  const theme = config.appearance.theme
  const status = [view.saved ? t['preferences.saved'] : '', !view.banner && gpcStatusShown(snapshot) ? t['gpc.honored'] : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class={`root theme-${theme}`} lang={locale} dir={isRtl(locale) ? 'rtl' : 'ltr'}>
      {view.banner && <FirstLayer {...props} />}
      <div class="corner">
        {!view.banner && config.appearance.reopenButton && (
          <button
            type="button"
            class="reopen"
            data-action="reopen"
            aria-haspopup="dialog"
            onClick={actions.openPreferences}
            onPointerEnter={actions.prefetch}
            onFocus={actions.prefetch}
          >
            {t['reopen.label']}
          </button>
        )}
        <p role="status" class="status">
          {status}
        </p>
      </div>
      {panels && view.panel === 'preferences' && <panels.Preferences {...props} t={{ ...panels.enDialogs, ...t }} />}
      {panels && view.panel === 'dns' && <panels.DoNotSell {...props} t={{ ...panels.enDialogs, ...t }} />}
    </div>
  )
}
