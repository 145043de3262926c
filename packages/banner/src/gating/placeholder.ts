import type { Texts } from '@consentry/shared'

export type EmbedTexts = Pick<Texts, 'embed.placeholder' | 'embed.loadOnce' | 'embed.loadAlways'>

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
  const width = frame.getAttribute('width')
  const height = frame.getAttribute('height')
  box.style.cssText =
    'display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.75em;padding:1em;box-sizing:border-box;' +
    'max-width:100%;background:#f3f4f6;color:#111827;border:1px solid #9ca3af;text-align:center;font:inherit;' +
    `width:${width ? `${/^\d+$/.test(width) ? `${width}px` : width}` : '100%'};min-height:${height && /^\d+$/.test(height) ? `${height}px` : '150px'}`
  const text = doc.createElement('p')
  text.style.margin = '0'
  text.textContent = texts['embed.placeholder'].replace('{service}', serviceName)
  box.append(text)
  const row = doc.createElement('div')
  row.style.cssText = 'display:flex;gap:.5em;flex-wrap:wrap;justify-content:center'
  for (const always of [false, true]) {
    const button = doc.createElement('button')
    button.type = 'button'
    button.textContent = texts[always ? 'embed.loadAlways' : 'embed.loadOnce']
    button.style.cssText = 'min-height:24px;min-width:24px;padding:.4em .9em;cursor:pointer;font:inherit'
    button.addEventListener('click', () => onLoad(always))
    row.append(button)
  }
  box.append(row)
  return box
}
