const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),summary,[tabindex]:not([tabindex="-1"])'

/** The focused element, looking inside open shadow roots (the banner's own included). */
export function deepActiveElement(doc: Document = document): Element | null {
  let el = doc.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

/** Hidden inside a closed `<details>` (anything but its own summary)? */
function collapsed(el: Element, container: Element): boolean {
  for (let node = el.parentElement; node && node !== container; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement && !node.open && !(el.tagName === 'SUMMARY' && el.parentElement === node)) return true
  }
  return false
}

export function focusables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !collapsed(el, container))
}

/**
 * Modal focus handling (APG dialog): moves focus in, wraps Tab and Shift+Tab inside `container`, calls
 * `onEscape` on Escape. The returned release function gives focus back to whatever had it before.
 */
export function trapFocus(container: HTMLElement, onEscape?: () => void): () => void {
  const opener = deepActiveElement(container.ownerDocument)
  ;(focusables(container)[0] ?? container).focus()
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onEscape) {
      event.preventDefault()
      event.stopPropagation()
      return onEscape()
    }
    if (event.key !== 'Tab') return
    const list = focusables(container)
    const first = list[0]
    const last = list[list.length - 1]
    if (!first || !last) return event.preventDefault()
    const active = (container.getRootNode() as Document | ShadowRoot).activeElement
    const outside = !active || !container.contains(active)
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault()
      first.focus()
    }
  }
  container.addEventListener('keydown', onKey)
  return () => {
    container.removeEventListener('keydown', onKey)
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
  }
}

/**
 * Makes the rest of the page inert while a modal dialog is open (APG: background not reachable), for the
 * element hosting `container` (its shadow host, or itself). Returns a function that undoes only what it did.
 */
export function inertOutside(container: Element): () => void {
  const root = container.getRootNode()
  const host = root instanceof ShadowRoot ? root.host : container
  const body = host.ownerDocument.body
  const changed: HTMLElement[] = []
  for (let node: Element | null = host; node && node !== body && node.parentElement; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert || sibling.tagName === 'SCRIPT') continue
      sibling.inert = true
      changed.push(sibling)
    }
  }
  return () => {
    for (const el of changed) el.inert = false
  }
}

/**
 * Makes `dialog` modal: the page behind it inert, focus moved in and trapped, Escape calling `onEscape`.
 * Returns the function that undoes both and gives focus back.
 */
export function modal(dialog: HTMLElement, onEscape?: () => void): () => void {
  const releaseInert = inertOutside(dialog)
  const releaseFocus = trapFocus(dialog, onEscape)
  return () => {
    releaseInert()
    releaseFocus()
  }
}
