/**
 * Any element with `data-consentry-open` reopens the preferences, and any `data-consentry-dns` link (the
 * site's footer "Do Not Sell or Share" link) opens the opt-out dialog. Delegated, so links added later work.
 * On a site that sells nothing (`saleFree`) the DNS links present at start are hidden: there is nothing to opt out of.
 */
export function bindOpeners(doc: Document, open: { preferences(): void; doNotSell(): void }, saleFree = false): () => void {
  for (const el of doc.querySelectorAll('[data-consentry-open],[data-consentry-dns]')) el.setAttribute('aria-haspopup', 'dialog')
  if (saleFree) for (const el of doc.querySelectorAll<HTMLElement>('[data-consentry-dns]')) el.hidden = true
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null
    const dns = target?.closest('[data-consentry-dns]')
    const prefs = target?.closest('[data-consentry-open]')
    if (!dns && !prefs) return
    event.preventDefault()
    if (dns) open.doNotSell()
    else open.preferences()
  }
  doc.addEventListener('click', onClick)
  return () => doc.removeEventListener('click', onClick)
}
