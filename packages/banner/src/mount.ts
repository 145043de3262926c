/** The element the banner lives in, its open shadow root, and the styles it injected. */
export interface Mount {
  host: HTMLElement
  root: ShadowRoot
  /** Adds a stylesheet to the shadow root, after those already there (the dialogs bring theirs when they load). */
  addCss(css: string): void
  remove(): void
}

/**
 * Adds a stylesheet to a document or shadow root: adopted (immune to CSP `style-src`) where supported, else a
 * `<style>` carrying the nonce. Returns its removal.
 */
function adopt(target: Document | ShadowRoot, text: string, nonce?: string): () => void {
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet]
    return () => (target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet))
  } catch {
    // fall through to a <style>
  }
  const doc = target.ownerDocument ?? (target as Document)
  const style = doc.createElement('style')
  if (nonce) style.nonce = nonce
  style.textContent = text
  ;(target === doc ? doc.head : target).append(style)
  return () => style.remove()
}

/**
 * Creates `<consentry-banner>` as the first child of `<body>` (early in the tab order, A11Y-04) with an open
 * shadow root for the corner and the dialogs, where page CSS cannot reach. The first layer is the host's
 * light-DOM child (shown through a `<slot>`), so tools that read the page find it; `layerCss` (id-scoped,
 * `!important`) goes into the document for it.
 */
export function mount(css: string, layerCss: string, nonce?: string, doc: Document = document): Mount {
  const host = doc.createElement('consentry-banner')
  const root = host.attachShadow({ mode: 'open' })
  const addCss = (text: string) => void adopt(root, text, nonce)
  addCss(css)
  const removeLayerCss = adopt(doc, layerCss, nonce)
  doc.body.prepend(host)
  return {
    host,
    root,
    addCss,
    remove: () => {
      host.remove()
      removeLayerCss()
    },
  }
}
