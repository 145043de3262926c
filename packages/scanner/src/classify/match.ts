/** Matching rules shared by the catalogue, the Open Cookie Database and a site's declaration. */

export type StorageKind = 'cookie' | 'local_storage' | 'session_storage' | 'indexed_db'

/** `exact` or `prefix` name match, as a declaration writes it. */
export function nameMatches(pattern: { name: string; match: 'exact' | 'prefix' }, name: string): boolean {
  return pattern.match === 'prefix' ? name.startsWith(pattern.name) : name === pattern.name
}

/** Whether a cookie domain (`.www.example.com`) is `domain` or one of its subdomains. */
export function domainWithin(cookieDomain: string | undefined, domain: string): boolean {
  if (!cookieDomain) return false
  const d = cookieDomain.replace(/^\./, '').toLowerCase()
  const want = domain.replace(/^\./, '').toLowerCase()
  return d === want || d.endsWith(`.${want}`)
}

/** Whether a URL falls under a catalogue request domain (`example.com` or `www.example.com/path/`). */
export function requestMatches(url: URL, pattern: string): boolean {
  const slash = pattern.indexOf('/')
  const host = slash < 0 ? pattern : pattern.slice(0, slash)
  const path = slash < 0 ? '' : pattern.slice(slash)
  const h = url.hostname.toLowerCase()
  return (h === host || h.endsWith(`.${host}`)) && url.pathname.startsWith(path)
}
