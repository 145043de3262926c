/** The element the banner lives in, its open shadow root, and the styles it injected. */
export interface Mount {
  host: HTMLElement
  root: ShadowRoot
  /** Adds a stylesheet after those already there (the dialogs bring theirs when they load). */
  addCss(css: string): void
  remove(): void
}

/**
 * Creates `<consentry-banner>` as the first child of `<body>` (early in the tab order, A11Y-04) with an open
 * shadow root, so page CSS cannot reach in and ours cannot leak out. Stylesheets are adopted (immune to
 * CSP `style-src`) where supported, else a `<style>` carrying the nonce.
 */
export function mount(css: string, nonce?: string, doc: Document = document): Mount {
  const host = doc.createElement('consentry-banner')
  const root = host.attachShadow({ mode: 'open' })
  const addCss = (text: string) => {
    try {
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet()
        sheet.replaceSync(text)
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
        return
      }
    } catch {
      // fall through to a <style>
    }
    const style = doc.createElement('style')
    if (nonce) style.nonce = nonce
    style.textContent = text
    root.appendChild(style)
  }
  addCss(css)
  doc.body.prepend(host)
  return { host, root, addCss, remove: () => host.remove() }
}
