import { el } from './dom'
import { gpcStatusShown, type BuiltLayer, type CoreUiProps } from './types'

/**
 * The first layer: title, text with the privacy-policy link, Accept all / Reject all (same element and class,
 * EU-03) and Customize, plus Do Not Sell under US regimes. A non-modal region for `bar` and `box`; for `modal`
 * the dialogs chunk frames the same content (`modalLayer`). Nothing here grants consent except the Accept
 * button (EU-07): Escape and inactivity do nothing.
 */
export function firstLayer({ t, snapshot, actions, panels }: CoreUiProps, modal: boolean): BuiltLayer {
  const { config, jurisdiction } = snapshot
  // Reaching for a dialog's opener starts loading the dialogs.
  const opener = (action: string, open: () => void, label: string, cls: string) =>
    el('button', { type: 'button', class: cls, 'data-action': action, 'aria-haspopup': 'dialog', onclick: open, onpointerenter: actions.prefetch, onfocus: actions.prefetch }, label)
  const body = [
    el('h2', { id: 'cs-banner-title', class: 'title' }, t['banner.title']),
    el('p', { id: 'cs-banner-desc', class: 'text' }, plainText(t['banner.description']), ' ', el('a', { href: config.policy.url, target: '_blank', rel: 'noopener' }, t['banner.privacyPolicy'])),
    gpcStatusShown(snapshot) && el('p', { role: 'status', class: 'gpc' }, t['gpc.honored']),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'btn', 'data-action': 'accept', onclick: actions.acceptAll }, t['banner.acceptAll']),
      el('button', { type: 'button', class: 'btn', 'data-action': 'reject', onclick: actions.rejectAll }, t['banner.rejectAll']),
      opener('customize', actions.openPreferences, t['banner.customize'], 'btn secondary'),
    ),
    jurisdiction.showDoNotSell && opener('dns', actions.openDoNotSell, t['doNotSell.link'], 'link'),
  ]
  if (modal && panels) return panels.modalLayer(body)
  const layout = config.appearance.layout === 'modal' ? 'box' : config.appearance.layout
  return { node: el('div', { role: 'region', 'aria-labelledby': 'cs-banner-title', class: `layer ${layout}` }, el('div', { class: 'inner' }, ...body)) }
}

/** A text's links as their labels: the first layer links only the privacy policy (the dialogs render every link). */
const plainText = (text: string) => text.replace(/\[([^[\]\n]+)\]\([^()\s]+\)/g, '$1')
