/** The markup a site drops into its privacy page to show the cookie declaration. */
export const DECLARATION_SELECTOR = '[data-consentry-declaration]'

/** Whether DOM changes added a declaration element (or a subtree holding one). */
export const addsDeclaration = (records: MutationRecord[]): boolean =>
  records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && (n.matches(DECLARATION_SELECTOR) || !!n.querySelector(DECLARATION_SELECTOR))))

/**
 * Calls `then` once the document holds a declaration element: at once, or when one is added later (a single-page
 * app's route), so the declaration's chunk loads only for pages that show one. Returns a function that stops waiting.
 */
export function whenDeclared(doc: Document, then: () => void): () => void {
  if (doc.querySelector(DECLARATION_SELECTOR)) return (then(), () => {})
  const observer = new MutationObserver((records) => {
    if (addsDeclaration(records)) observer.disconnect(), then()
  })
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  return () => observer.disconnect()
}
