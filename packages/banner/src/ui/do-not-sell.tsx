import { Component } from 'preact'
import { Dialog } from './dialog'
import { Toggle } from './toggle'
import { gpcStatusShown, type UiProps } from './types'

/**
 * "Do Not Sell or Share My Personal Information" (CA-01, CA-03): one switch and a confirm button, no
 * account or verification. Opting out and opting back in take the same steps (CA-04). Under GPC the
 * opt-out is already in force and the switch is locked on. Targeted advertising is named only where the site
 * offers an advertising category.
 */
export class DoNotSell extends Component<UiProps, { optOut: boolean }> {
  override state = { optOut: this.props.snapshot.consent.saleOptOut }

  render({ t, snapshot, actions }: UiProps, { optOut }: { optOut: boolean }) {
    const { consent } = snapshot
    const setOptOut = (on: boolean) => this.setState({ optOut: on })
    const gpc = gpcStatusShown(snapshot)
    // A site that sells nothing offers no opt-out: the dialog (opened by the API or an old footer link) says so.
    if (snapshot.config.dataPractices?.sellsOrShares === false) {
      return (
        <Dialog labelId="cs-dns-title" descId="cs-dns-desc" onEscape={actions.closePanel} class="dns">
          <h2 id="cs-dns-title" class="title">
            {t['doNotSell.none']}
          </h2>
          <p id="cs-dns-desc" class="text">
            <a href={snapshot.config.policy.url} target="_blank" rel="noopener">
              {t['banner.privacyPolicy']}
            </a>
          </p>
          {gpc && (
            <p role="status" class="gpc">
              {t['gpc.honored']}
            </p>
          )}
          <div class="actions">
            <button type="button" class="btn secondary" data-action="close" onClick={actions.closePanel}>
              {t['preferences.close']}
            </button>
          </div>
        </Dialog>
      )
    }
    return (
      <Dialog labelId="cs-dns-title" descId="cs-dns-desc" onEscape={actions.closePanel} class="dns">
        <h2 id="cs-dns-title" class="title">
          {t['doNotSell.title']}
        </h2>
        <p id="cs-dns-desc" class="text">
          {t[snapshot.config.categories.includes('advertising') ? 'doNotSell.description' : 'doNotSell.descriptionNoAds']}
        </p>
        {gpc && (
          <p role="status" class="gpc">
            {t['gpc.honored']}
          </p>
        )}
        <div class="row">
          <span id="cs-dns-label" class="name">
            {t['doNotSell.optOut']}
          </span>
          <Toggle t={t} on={optOut || consent.gpcHonoured} locked={consent.gpcHonoured} labelledBy="cs-dns-label" onChange={setOptOut} />
        </div>
        {consent.saleOptOut && <p class="text">{t['doNotSell.honored']}</p>}
        <div class="actions">
          <button type="button" class="btn" data-action="confirm" onClick={() => actions.setDoNotSell(optOut || consent.gpcHonoured)}>
            {t['doNotSell.confirm']}
          </button>
          <button type="button" class="btn secondary" data-action="close" onClick={actions.closePanel}>
            {t['preferences.close']}
          </button>
        </div>
      </Dialog>
    )
  }
}
