/** What `el` takes as children: nodes, or text (set as text, never parsed as HTML). Falsy entries are skipped. */
export type Child = Node | string | false | null | undefined

/** Attributes by name; `on<event>` functions become listeners; `false`, null and undefined are left out. */
export type Attrs = Record<string, string | number | true | false | null | undefined | ((event: Event) => void)>

/**
 * Creates an element with attributes, listeners and children. The first layer is built with this rather than
 * Preact, so a first view does not download a renderer (the dialogs bring Preact with them).
 * @example el('button', { type: 'button', onclick: accept }, t['banner.acceptAll'])
 */
export function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value)
    else if (value != null && value !== false) node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child) node.append(child)
  return node
}
