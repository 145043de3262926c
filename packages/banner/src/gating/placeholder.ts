import type { Texts } from '@consentry/shared'

export type EmbedTextKey = 'embed.placeholder' | 'embed.loadOnce' | 'embed.loadAlways'
export type EmbedTexts = Pick<Texts, EmbedTextKey>

export const EMBED_TEXTS: EmbedTexts = {
  'embed.placeholder': 'This content is provided by {service} and needs your consent.',
  'embed.loadOnce': 'Load content',
  'embed.loadAlways': 'Always allow',
}

/**
 * The placeholder's box: the frame's own, as the page laid it out, so nothing on the page moves when it takes the
 * frame's place (a layout shift counts against the page's Core Web Vitals). An inline frame sits on the text
 * baseline by its bottom edge, as an inline-block that scrolls its overflow does. A frame that is not rendered has
 * its size from its attributes; only plain numbers or percentages from them reach the style.
 */
function boxStyle(frame: HTMLElement): string {
  const rect = frame.getBoundingClientRect()
  const css = frame.ownerDocument.defaultView?.getComputedStyle(frame)
  if (css && rect.width > 0 && rect.height > 0) {
    const inline = css.display.startsWith('inline')
    // Its height is the frame's too: what does not fit scrolls inside rather than pushing the page down.
    return `display:${inline ? 'inline-block' : 'block'};vertical-align:${css.verticalAlign};overflow:auto;margin:${css.margin};width:${rect.width}px;height:${rect.height}px;min-height:${rect.height}px`
  }
  const size = (v: string | null, fallback: string) => (v && /^\d+%?$/.test(v) ? (v.endsWith('%') ? v : `${v}px`) : fallback)
  return `display:block;width:${size(frame.getAttribute('width'), '100%')};min-height:${size(frame.getAttribute('height'), '150px')}`
}

/**
 * The click-to-load box shown in place of a blocked iframe: the provider named, "Load content" (this embed,
 * this time) and "Always allow" (a real consent decision, requested from the banner). Text only, no HTML.
 */
export function placeholder(frame: HTMLElement, serviceName: string, texts: EmbedTexts, onLoad: (always: boolean) => void): HTMLElement {
  const doc = frame.ownerDocument
  const box = doc.createElement('div')
  box.className = 'consentry-embed'
  box.setAttribute('data-consentry-placeholder', '')
  box.style.cssText = `${boxStyle(frame)};box-sizing:border-box;max-width:100%;background:#f3f4f6;color:#111827;border:1px solid #9ca3af;text-align:center`
  // Centred within the box's height, whatever it is.
  const inner = doc.createElement('div')
  inner.style.cssText =
    'display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.75em;padding:1em;min-height:inherit;box-sizing:border-box;overflow-wrap:anywhere'
  const text = doc.createElement('p')
  text.style.margin = '0'
  text.textContent = texts['embed.placeholder'].replace('{service}', serviceName)
  const row = doc.createElement('div')
  for (const always of [false, true]) {
    const button = doc.createElement('button')
    button.type = 'button'
    button.textContent = texts[always ? 'embed.loadAlways' : 'embed.loadOnce']
    // 24 px minimum target (WCAG 2.5.8); the page's own button styles apply otherwise.
    button.style.cssText = 'min-height:24px;margin:0 .25em;padding:.4em .9em'
    button.addEventListener('click', () => onLoad(always))
    row.append(button)
  }
  inner.append(text, row)
  box.append(inner)
  return box
}
