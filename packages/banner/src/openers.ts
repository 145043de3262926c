/**
 * Any element with `data-consentry-open` reopens the preferences; a `data-consentry-dns` link (the site's footer
 * "Do Not Sell or Share" link) or `data-consentry-limit` link ("Limit the Use of My Sensitive Personal Information")
 * opens the dialog with the US opt-outs. Delegated, so links added later work. Links present at start are hidden
 * where they have nothing to offer: DNS links on a site that sells nothing (`saleFree`), limit links unless the
 * visitor has that right here (`limitOffered`).
 */
export function bindOpeners(
  doc: Document,
  open: { preferences(): void; doNotSell(): void },
  { saleFree = false, limitOffered = false }: { saleFree?: boolean; limitOffered?: boolean } = {},
): () => void {
  for (const el of doc.querySelectorAll('[data-consentry-open],[data-consentry-dns],[data-consentry-limit]')) el.setAttribute('aria-haspopup', 'dialog')
  const hide = (selector: string) => {
    for (const el of doc.querySelectorAll<HTMLElement>(selector)) el.hidden = true
  }
  if (saleFree) hide('[data-consentry-dns]')
  if (!limitOffered) hide('[data-consentry-limit]')
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null
    const usChoices = target?.closest('[data-consentry-dns],[data-consentry-limit]')
    const prefs = target?.closest('[data-consentry-open]')
    if (!usChoices && !prefs) return
    event.preventDefault()
    if (usChoices) open.doNotSell()
    else open.preferences()
  }
  doc.addEventListener('click', onClick)
  return () => doc.removeEventListener('click', onClick)
}
