import type { ConsentryHandle } from '@consentry/banner'
import { mountChatWidget } from './chat-widget'

type Render = (main: HTMLElement, consent: ConsentryHandle) => void

function heading(main: HTMLElement, title: string, text: string): void {
  const h1 = document.createElement('h1')
  h1.textContent = title
  const p = document.createElement('p')
  p.textContent = text
  main.replaceChildren(h1, p)
}

const ROUTES: Record<string, Render> = {
  '/': (main) => heading(main, 'Single-page app', 'Routes change without page loads; gated content follows consent on every route.'),
  // The chat widget stores an identifier, so it is "functional": it mounts only once that is granted,
  // and appears by itself as soon as the visitor grants it, without a reload.
  '/support': (main, consent) => {
    heading(main, 'Support chat', 'The chat widget needs the "functional" category.')
    const slot = document.createElement('div')
    slot.id = 'chat-slot'
    slot.textContent = consent.has('functional') ? '' : 'The chat loads once you allow functional cookies.'
    main.append(slot)
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = 'Open cookie settings'
    button.addEventListener('click', () => consent.showPreferences())
    main.append(button)
    void consent.whenGranted('functional').then(() => {
      if (slot.isConnected) mountChatWidget(slot)
    })
  },
  '/settings': (main, consent) => {
    heading(main, 'Privacy settings', 'Your current choices, read with consent.get():')
    const pre = document.createElement('pre')
    pre.id = 'current-consent'
    const show = () => (pre.textContent = JSON.stringify(consent.get().consent.categories, null, 2))
    show()
    const off = consent.on('change', show)
    window.addEventListener('hashchange', off, { once: true })
    main.append(pre)
  },
}

export function renderRoute(path: string, main: HTMLElement, consent: ConsentryHandle): void {
  ;(ROUTES[path] ?? ROUTES['/']!)(main, consent)
}
