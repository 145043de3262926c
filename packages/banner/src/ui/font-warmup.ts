/**
 * Has the browser look up the banner's font, in the weights and sizes the first layer uses, by measuring its text on
 * a canvas. Run in a task of its own before the first layer is inserted, this takes the lookups out of the frame
 * that first shows the layer: on a 4× slowed CPU they were most of it, and that frame was a long task in 13 of 16
 * page loads; with this, in 5 (docs/banner-dom.md, Start-up).
 */
export function warmUpFont(doc: Document, font: string, text: string): void {
  const canvas = doc.createElement('canvas').getContext('2d')
  if (!canvas) return
  // LAYER_CSS's: text at `medium` (16 px by default), buttons at weight 600, the title 700 at 1.125em.
  for (const weightAndSize of ['400 16px', '600 16px', '700 18px']) {
    canvas.font = `${weightAndSize} ${font}`
    canvas.measureText(text)
  }
}
