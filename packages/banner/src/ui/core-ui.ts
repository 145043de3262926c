import { isRtl } from '../i18n/locales'
import { el } from './dom'
import { firstLayer } from './first-layer'
import { doNotSellControlShown, gpcStatusShown, type CoreUiProps } from './types'
import type { Panels } from '../parts'

/** The banner's DOM (shadow root, and the first layer as the host's light-DOM child), repainted from props on every change. */
export interface CoreUi {
  paint(props: CoreUiProps): void
  destroy(): void
}

/**
 * Everything the banner shows: the first layer (light DOM, slotted into the shadow root's themed box so it
 * inherits the theme's custom properties), a corner with the reopen button and a status line (saved / GPC
 * honoured, announced without moving focus), and the open dialog (rendered by the dialogs chunk). A part is
 * rebuilt only when what it shows changed, so focus and the live region survive unrelated repaints.
 */
export function createCoreUi(root: ShadowRoot): CoreUi {
  const status = el('p', { role: 'status', class: 'status' })
  const corner = el('div', { class: 'corner' }, status)
  const dialogHost = el('div')
  const box = el('div', {}, el('slot'), corner, dialogHost)
  const host = root.host as HTMLElement
  root.append(box)
  let layer: { key: unknown[]; node: HTMLElement; release?: (() => void) | undefined } | null = null
  let reopen: { t: unknown; node: HTMLElement } | null = null
  let panelsUsed: Panels | null = null

  const removeLayer = () => {
    layer?.release?.()
    layer?.node.remove()
    layer = null
  }

  return {
    paint(props) {
      const { t, locale, snapshot, view, actions, panels } = props
      panelsUsed = panels
      const { appearance } = snapshot.config
      box.className = `root theme-${appearance.theme}`
      const dir = isRtl(locale) ? 'rtl' : 'ltr'
      box.lang = locale
      box.dir = dir

      // `modal` needs the dialogs' frame and focus handling; a box if they could not be loaded.
      const modal = appearance.layout === 'modal' && !!panels
      const key = [t, modal, gpcStatusShown(snapshot), doNotSellControlShown(snapshot)]
      if (!view.banner) removeLayer()
      else if (!layer || key.some((part, i) => part !== layer!.key[i])) {
        removeLayer()
        const built = firstLayer(props, modal)
        built.node.lang = locale
        built.node.dir = dir
        // Whole, in one frame: a layer that grew after its first frame would move on screen, a layout shift that
        // counts against the host page's CLS (Core Web Vitals).
        host.append(built.node)
        layer = { key, node: built.node, release: built.connected?.() }
      }

      const wantReopen = !view.banner && appearance.reopenButton
      if (reopen && (!wantReopen || reopen.t !== t)) reopen = (reopen.node.remove(), null)
      if (wantReopen && !reopen) {
        const node = el(
          'button',
          {
            type: 'button',
            class: 'reopen',
            'data-action': 'reopen',
            'aria-haspopup': 'dialog',
            onclick: actions.openPreferences,
            onpointerenter: actions.prefetch,
            onfocus: actions.prefetch,
          },
          t['reopen.label'],
        )
        corner.prepend(node)
        reopen = { t, node }
      }

      const text = [view.saved ? t['preferences.saved'] : '', !view.banner && gpcStatusShown(snapshot) ? t['gpc.honored'] : ''].filter(Boolean).join(' ')
      if (status.textContent !== text) status.textContent = text

      panels?.renderDialog(dialogHost, view.panel && { panel: view.panel, props: { ...props, t: { ...panels.enDialogs, ...t } } })
    },
    destroy() {
      removeLayer()
      panelsUsed?.renderDialog(dialogHost, null)
      box.remove()
    },
  }
}
