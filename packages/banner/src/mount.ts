/** The element the banner lives in, its open shadow root, and the style it injected. */
export interface Mount {
  host: HTMLElement
  root: ShadowRoot
  remove(): void
}

/**
 * Creates `<consentry-banner>` as the first child of `<body>` (early in the tab order, A11Y-04) with an open
 * shadow root, so page CSS cannot reach in and ours cannot leak out. The stylesheet is adopted (immune to
 * CSP `style-src`) where supported, else a `<style>` carrying the nonce.
 */
export function mount(css: string, nonce?: string, doc: Document = document): Mount {
  const host = doc.createElement('consentry-banner')
  const root = host.attachShadow({ mode: 'open' })
  let adopted = false
  try {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      root.adoptedStyleSheets = [sheet]
      adopted = true
    }
  } catch {
    adopted = false
  }
  if (!adopted) {
    const style = doc.createElement('style')
    if (nonce) style.nonce = nonce
    style.textContent = css
    root.appendChild(style)
  }
  doc.body.prepend(host)
  return { host, root, remove: () => host.remove() }
}
