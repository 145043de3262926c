import { Component } from 'preact'
import { Dialog } from './dialog'
import { Toggle } from './toggle'
import { gpcStatusShown, sensitiveLimitShown, type UiProps } from './types'

interface Choices {
  optOut: boolean
  limit: boolean
}

/**
 * The US opt-outs (CA-01, CA-03): "Do Not Sell or Share My Personal Information" and, where the site uses sensitive
 * personal information and the visitor is in California, "Limit the Use of My Sensitive Personal Information". A
 * switch each and one confirm button, no account or verification; opting out and back in take the same steps
 * (CA-04). Under GPC the sale/share opt-out is already in force and its switch is locked on; GPC does not limit
 * sensitive information. Targeted advertising is named only where the site offers an advertising category.
 */
export class DoNotSell extends Component<UiProps, Choices> {
  override state = { optOut: this.props.snapshot.consent.saleOptOut, limit: this.props.snapshot.consent.optOuts.sensitiveLimit }

  render({ t, snapshot, actions }: UiProps, { optOut, limit }: Choices) {
    const { consent, config } = snapshot
    const gpc = gpcStatusShown(snapshot)
    // A site that sells nothing offers no sale opt-out; the dialog (opened by the API or an old footer link) says so.
    const saleFree = config.dataPractices?.sellsOrShares === false
    const limitOffered = sensitiveLimitShown(snapshot)
    const status = gpc && (
      <p role="status" class="gpc">
        {t['gpc.honored']}
      </p>
    )
    if (saleFree && !limitOffered) {
      return (
        <Dialog labelId="cs-dns-title" descId="cs-dns-desc" onEscape={actions.closePanel} class="dns">
          <h2 id="cs-dns-title" class="title">
            {t['doNotSell.none']}
          </h2>
          <p id="cs-dns-desc" class="text">
            <a href={config.policy.url} target="_blank" rel="noopener">
              {t['banner.privacyPolicy']}
            </a>
          </p>
          {status}
          <div class="actions">
            <button type="button" class="btn secondary" data-action="close" onClick={actions.closePanel}>
              {t['preferences.close']}
            </button>
          </div>
        </Dialog>
      )
    }
    const doNotSell = saleFree ? consent.saleOptOut : optOut || consent.gpcHonoured
    const confirm = () => actions.setUsChoices(limitOffered ? { doNotSell, optOuts: { sensitiveLimit: limit } } : { doNotSell })
    return (
      <Dialog labelId="cs-dns-title" descId="cs-dns-desc" onEscape={actions.closePanel} class="dns">
        <h2 id="cs-dns-title" class="title">
          {t[saleFree ? 'sensitiveLimit.title' : 'doNotSell.title']}
        </h2>
        <p id="cs-dns-desc" class="text">
          {saleFree ? t['doNotSell.none'] : t[config.categories.includes('advertising') ? 'doNotSell.description' : 'doNotSell.descriptionNoAds']}
        </p>
        {status}
        {!saleFree && (
          <div class="row">
            <span id="cs-dns-label" class="name">
              {t['doNotSell.optOut']}
            </span>
            <Toggle
              t={t}
              on={optOut || consent.gpcHonoured}
              locked={consent.gpcHonoured}
              labelledBy="cs-dns-label"
              onChange={(on) => this.setState({ optOut: on })}
            />
          </div>
        )}
        {!saleFree && consent.saleOptOut && <p class="text">{t['doNotSell.honored']}</p>}
        {limitOffered && <p class="text">{t['sensitiveLimit.description']}</p>}
        {limitOffered && (
          <div class="row">
            <span id="cs-limit-label" class="name">
              {t['sensitiveLimit.optOut']}
            </span>
            <Toggle t={t} on={limit} labelledBy="cs-limit-label" onChange={(on) => this.setState({ limit: on })} />
          </div>
        )}
        {limitOffered && consent.optOuts.sensitiveLimit && <p class="text">{t['sensitiveLimit.honored']}</p>}
        <div class="actions">
          <button type="button" class="btn" data-action="confirm" onClick={confirm}>
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
