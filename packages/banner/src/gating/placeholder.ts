import type { Texts } from '@consentry/shared'

export type EmbedTextKey = 'embed.placeholder' | 'embed.loadOnce' | 'embed.loadAlways'
export type EmbedTexts = Pick<Texts, EmbedTextKey>

export const EMBED_TEXTS: EmbedTexts = {
  'embed.placeholder': 'This content is provided by {service} and needs your consent.',
  'embed.loadOnce': 'Load content',
  'embed.loadAlways': 'Always allow',
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
  // Only plain numbers or percentages from the iframe's attributes reach the style.
  const size = (v: string | null, fallback: string) => (v && /^\d+%?$/.test(v) ? (v.endsWith('%') ? v : `${v}px`) : fallback)
  box.style.cssText = `display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.75em;padding:1em;box-sizing:border-box;max-width:100%;background:#f3f4f6;color:#111827;border:1px solid #9ca3af;text-align:center;width:${size(frame.getAttribute('width'), '100%')};min-height:${size(frame.getAttribute('height'), '150px')}`
  const text = doc.createElement('p')
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
  box.append(text)
  box.append(row)
  return box
}
