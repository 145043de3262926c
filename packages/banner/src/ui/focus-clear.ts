import { el } from './dom'

/**
 * WCAG 2.4.11 (focus not obscured) while a bar or box covers the bottom of the viewport: the page's scroll padding
 * keeps an element that receives focus above it, and a spacer at the end of `<body>` lets the page scroll its last
 * elements clear of it. Both follow the layer's height, read from a ResizeObserver after the browser's own layout
 * (reading it at once would force a layout of the whole page inside the banner's start-up task). The returned
 * function undoes them.
 */
export function keepFocusClear(layer: HTMLElement): () => void {
  const doc = layer.ownerDocument
  const html = doc.documentElement
  const before = html.style.scrollPaddingBottom
  const spacer = el('div', { 'aria-hidden': 'true' })
  doc.body.append(spacer)
  const fit = (height: number) => {
    const px = `${Math.ceil(height)}px`
    html.style.scrollPaddingBottom = px
    spacer.style.height = px
  }
  const observer =
    typeof ResizeObserver === 'function' ? new ResizeObserver(([entry]) => fit(entry!.borderBoxSize?.[0]?.blockSize ?? layer.offsetHeight)) : null
  if (observer) observer.observe(layer)
  else fit(layer.offsetHeight)
  return () => {
    observer?.disconnect()
    spacer.remove()
    html.style.scrollPaddingBottom = before
  }
}
