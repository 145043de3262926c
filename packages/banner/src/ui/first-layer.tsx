import { gpcStatusShown, type CoreUiProps } from './types'

/**
 * The first layer: title, text with the privacy-policy link, Accept all / Reject all (same element and class,
 * EU-03) and Customize. A non-modal region for `bar` and `box`, a modal dialog for `modal`. Nothing here
 * grants consent except the Accept button (EU-07): Escape and inactivity do nothing.
 */
export function FirstLayer({ t, snapshot, actions, panels }: CoreUiProps) {
  const { config, jurisdiction } = snapshot
  // `modal` needs the dialog frame, loaded before the first paint; a box if it could not be loaded.
  const Dialog = panels?.Dialog
  const layout = config.appearance.layout === 'modal' && !Dialog ? 'box' : config.appearance.layout
  const body = (
    <>
      <h2 id="cs-banner-title" class="title">
        {t['banner.title']}
      </h2>
      <p id="cs-banner-desc" class="text">
        {t['banner.description']}{' '}
        <a href={config.policy.url} target="_blank" rel="noopener">
          {t['banner.privacyPolicy']}
        </a>
      </p>
      {gpcStatusShown(snapshot) && (
        <p role="status" class="gpc">
          {t['gpc.honored']}
        </p>
      )}
      <div class="actions">
        <button type="button" class="btn" data-action="accept" onClick={actions.acceptAll}>
          {t['banner.acceptAll']}
        </button>
        <button type="button" class="btn" data-action="reject" onClick={actions.rejectAll}>
          {t['banner.rejectAll']}
        </button>
        <button
          type="button"
          class="btn secondary"
          data-action="customize"
          aria-haspopup="dialog"
          onClick={actions.openPreferences}
          onPointerEnter={actions.prefetch}
          onFocus={actions.prefetch}
        >
          {t['banner.customize']}
        </button>
      </div>
      {jurisdiction.showDoNotSell && (
        <button
          type="button"
          class="link"
          data-action="dns"
          aria-haspopup="dialog"
          onClick={actions.openDoNotSell}
          onPointerEnter={actions.prefetch}
          onFocus={actions.prefetch}
        >
          {t['doNotSell.link']}
        </button>
      )}
    </>
  )
  if (Dialog && layout === 'modal') {
    return (
      <Dialog labelId="cs-banner-title" descId="cs-banner-desc" class="first">
        {body}
      </Dialog>
    )
  }
  return (
    <div role="region" aria-labelledby="cs-banner-title" class={`layer ${layout}`}>
      <div class="inner">{body}</div>
    </div>
  )
}
