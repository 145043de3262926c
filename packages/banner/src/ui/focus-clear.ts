import { el } from './dom'

/**
 * WCAG 2.4.11 (focus not obscured) while a bar or box covers the bottom of the viewport: the page's scroll padding
 * keeps an element that receives focus above it, and a spacer at the end of `<body>` lets the page scroll its last
 * elements clear of it. Both follow the layer's height; the returned function undoes them.
 */
export function keepFocusClear(layer: HTMLElement): () => void {
  const doc = layer.ownerDocument
  const html = doc.documentElement
  const before = html.style.scrollPaddingBottom
  const spacer = el('div', { 'aria-hidden': 'true' })
  doc.body.append(spacer)
  const fit = () => {
    const height = `${Math.ceil(layer.getBoundingClientRect().height)}px`
    html.style.scrollPaddingBottom = height
    spacer.style.height = height
  }
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null
  observer?.observe(layer)
  fit()
  return () => {
    observer?.disconnect()
    spacer.remove()
    html.style.scrollPaddingBottom = before
  }
}
