import type { ConsentryHandle } from '@consentry/banner'
import { mountChatWidget } from './chat-widget'

/** A route's view: drawn at once; what reads consent waits for the banner (`init`'s promise). */
type Render = (main: HTMLElement, consent: Promise<ConsentryHandle>) => void

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
  '/support': (main, ready) => {
    heading(main, 'Support chat', 'The chat widget needs the "functional" category.')
    const slot = document.createElement('div')
    slot.id = 'chat-slot'
    slot.textContent = 'The chat loads once you allow functional cookies.'
    main.append(slot)
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = 'Open cookie settings'
    button.addEventListener('click', () => void ready.then((consent) => consent.showPreferences()))
    main.append(button)
    void ready
      .then((consent) => consent.whenGranted('functional'))
      .then(() => {
        if (slot.isConnected) mountChatWidget(slot)
      })
  },
  // The cookie declaration as a route: the banner fills the element when the route draws it.
  '/privacy': (main) => {
    heading(main, 'Cookies on this app', 'Every cookie and storage key, and what you chose:')
    const declaration = document.createElement('div')
    declaration.setAttribute('data-consentry-declaration', '')
    main.append(declaration)
  },
  '/settings': (main, ready) => {
    heading(main, 'Privacy settings', 'Your current choices, read with consent.get():')
    const pre = document.createElement('pre')
    pre.id = 'current-consent'
    main.append(pre)
    void ready.then((consent) => {
      if (!pre.isConnected) return
      const show = () => (pre.textContent = JSON.stringify(consent.get().consent.categories, null, 2))
      show()
      const off = consent.on('change', show)
      window.addEventListener('hashchange', off, { once: true })
    })
  },
}

export function renderRoute(path: string, main: HTMLElement, consent: Promise<ConsentryHandle>): void {
  ;(ROUTES[path] ?? ROUTES['/']!)(main, consent)
}
