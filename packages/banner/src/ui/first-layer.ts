import { own, type TextKey } from '@consentry/shared'
import type { ConsentSnapshot } from '../consent-source'
import { el } from './dom'
import { keepFocusClear } from './focus-clear'
import { LAYER_ID } from './styles'
import { doNotSellControlShown, gpcStatusShown, sensitiveLimitShown, type BuiltLayer, type CoreUiProps } from './types'

/**
 * The first layer's title and sentences for the visitor's regime and the site's offer (EU-04, CA notice at
 * collection), as text keys. Opt-in names the purposes offered, that and where consent can be withdrawn, how long
 * the choice is kept and how many third parties are involved; opt-out says the tags already run and how to opt out
 * of sale and sharing (and of targeted advertising only where the site advertises); a notice informs; an
 * essential-only site says that nothing needs consent.
 */
function wordingKeys({ config, jurisdiction }: ConsentSnapshot, parties: number, doNotSell: boolean): (TextKey | false)[] {
  const offered = config.categories
  if (!offered.length) return ['banner.notice.title', 'banner.essential.description']
  if (jurisdiction.regime === 'notice') return ['banner.notice.title', 'banner.notice.description']
  if (jurisdiction.regime === 'opt_out')
    return ['banner.optOut.title', 'banner.optOut.description', doNotSell && (offered.includes('advertising') ? 'banner.optOut.saleAds' : 'banner.optOut.sale')]
  return ['banner.title', 'banner.description', 'banner.withdraw', 'banner.retention', !!parties && 'banner.thirdParties']
}

/**
 * The first layer, in the page's light DOM under a stable id (`LAYER_ID`) so auto-reject engines and
 * auditors find it: title, the regime's wording with the privacy-policy link, Accept all / Reject all (same
 * element and class, EU-03) and Customize, plus Do Not Sell where it applies; an essential-only site gets a
 * notice with one OK button. A non-modal region for `bar` and `box`; for `modal` the dialogs chunk frames the
 * same content (`modalLayer`). Nothing here grants consent except the Accept button (EU-07).
 */
export function firstLayer(props: CoreUiProps, modal: boolean): BuiltLayer {
  const { t, snapshot, actions, panels } = props
  const { config } = snapshot
  // Reaching for a dialog's opener starts loading the dialogs.
  const opener = (action: string, open: () => void, label: string, cls: string) =>
    el(
      'button',
      {
        type: 'button',
        class: cls,
        'data-action': action,
        'aria-haspopup': 'dialog',
        onclick: open,
        onpointerenter: actions.prefetch,
        onfocus: actions.prefetch,
      },
      label,
    )
  const choice = (action: string, label: string, onclick: () => void) => el('button', { type: 'button', class: 'btn', 'data-action': action, onclick }, label)
  const doNotSell = doNotSellControlShown(snapshot)
  // Third parties: the providers of optional services other than the site's controller.
  const parties = new Set(config.services.filter((s) => s.category !== 'essential' && s.provider !== config.controller.name).map((s) => s.provider)).size
  const values: Record<string, unknown> = {
    purposes: config.categories.map((c) => t[`banner.purpose.${c}`]).join(', '),
    settings: t['reopen.label'],
    days: config.consent.lifetimeDays,
    count: parties,
    reject: t['banner.rejectAll'],
    dns: t['doNotSell.link'],
  }
  // `{name}` placeholders filled; a site's own text without them is used as it is; regime texts that failed to load are empty.
  const keys = wordingKeys(snapshot, parties, doNotSell)
  const [title, ...sentences] = keys.map((key) => key && (t[key] ?? '').replace(/\{(\w+)\}/g, (all, name: string) => String(own(values, name) ?? all)))
  const text = plainText(sentences.filter(Boolean).join(' '))
  const buttons = config.categories.length
    ? [
        choice('accept', t['banner.acceptAll'], actions.acceptAll),
        choice('reject', t['banner.rejectAll'], actions.rejectAll),
        opener('customize', actions.openPreferences, t['banner.customize'], 'btn secondary'),
      ]
    : [choice('dismiss', t['banner.dismiss'] ?? 'OK', actions.dismiss)]
  const description = el(
    'p',
    { id: 'cs-banner-desc', class: 'text' },
    text,
    ' ',
    // The way to the list of third parties: the preferences center lists every service.
    keys.includes('banner.thirdParties') && opener('services', actions.openPreferences, t['banner.thirdPartiesLink'], 'link'),
    ' ',
    el('a', { href: config.policy.url, target: '_blank', rel: 'noopener' }, t['banner.privacyPolicy']),
  )
  const body = [
    el('h2', { id: 'cs-banner-title', class: 'title' }, title),
    description,
    gpcStatusShown(snapshot) && el('p', { role: 'status', class: 'gpc' }, t['gpc.honored']),
    // Before the buttons: the text names it, and a tool that rejects picks "Reject all", the last refusal in the layer.
    doNotSell && !!t['doNotSell.link'] && opener('dns', actions.openDoNotSell, t['doNotSell.link'], 'link'),
    // The notice of the right to limit, at collection (CCPA regulations §7014): the same dialog holds the control.
    sensitiveLimitShown(snapshot) && !!t['sensitiveLimit.link'] && opener('limit', actions.openDoNotSell, t['sensitiveLimit.link'], 'link'),
    el('div', { class: 'actions' }, ...buttons),
  ]
  const built: BuiltLayer =
    modal && panels
      ? panels.modalLayer(body)
      : (() => {
          const node = el(
            'div',
            { role: 'region', 'aria-labelledby': 'cs-banner-title', class: `layer ${config.appearance.layout === 'bar' ? 'bar' : 'box'}` },
            el('div', { class: 'inner' }, ...body),
          )
          return { node, connected: () => keepFocusClear(node) }
        })()
  built.node.id = LAYER_ID
  return built
}

/** A text's links as their labels: the first layer links only the privacy policy (the dialogs render every link). */
const plainText = (text: string) => text.replace(/\[([^[\]\n]+)\]\([^()\s]+\)/g, '$1')
