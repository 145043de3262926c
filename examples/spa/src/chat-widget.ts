/** A stand-in for a third-party chat widget: it stores an id, which is why it needs consent. */
export function mountChatWidget(slot: HTMLElement): void {
  const id = localStorage.getItem('demo_chat_id') ?? Math.random().toString(36).slice(2)
  localStorage.setItem('demo_chat_id', id)
  const box = document.createElement('div')
  box.className = 'chat-widget'
  box.setAttribute('role', 'region')
  box.setAttribute('aria-label', 'Support chat')
  box.textContent = `Chat connected (visitor ${id}). How can we help?`
  slot.replaceChildren(box)
}
