/** Attributes that only describe gating, never copied onto the element that runs. */
const SKIP = new Set(['type', 'data-src', 'data-type', 'nonce'])

/**
 * A runnable copy of a gated `<script type="text/plain">`: same attributes, `src` from `data-src`, `type` from
 * `data-type` (e.g. `module`), nonce kept for CSP. External scripts keep their order unless marked `async`.
 */
export function runnableScript(gated: HTMLScriptElement): HTMLScriptElement {
  const doc = gated.ownerDocument
  const script = doc.createElement('script')
  for (const { name, value } of Array.from(gated.attributes)) if (!SKIP.has(name)) script.setAttribute(name, value)
  const type = gated.getAttribute('data-type')
  if (type) script.type = type
  // Browsers hide the nonce attribute after parsing; the property still holds it.
  if (gated.nonce) script.nonce = gated.nonce
  const src = gated.getAttribute('data-src')
  if (src) {
    script.src = src
    script.async = gated.hasAttribute('async')
  } else script.text = gated.text
  return script
}

/** Clones a template's content, recreating its scripts so they run once inserted. */
export function templateContent(template: HTMLTemplateElement): DocumentFragment {
  const fragment = template.ownerDocument.importNode(template.content, true)
  for (const script of Array.from(fragment.querySelectorAll('script'))) {
    const type = script.getAttribute('type')
    if (type === null || type === '' || /javascript|module/i.test(type)) {
      const copy = runnableScript(script)
      if (type) copy.type = type
      script.replaceWith(copy)
    }
  }
  return fragment
}

/** Moves `data-src`/`data-srcset`/`data-srcdoc` into place (iframes, images, audio, video, …). */
export function loadSources(el: Element): void {
  for (const name of ['srcdoc', 'srcset', 'src']) {
    const value = el.getAttribute(`data-${name}`)
    if (value !== null) el.setAttribute(name, value)
  }
}
