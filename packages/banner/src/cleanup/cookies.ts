/** Every domain a script on `host` may have set a cookie for: host-only, the host, then each parent domain. */
export function cookieDomains(host: string): (string | null)[] {
  const out: (string | null)[] = [null]
  // IP addresses and single-label hosts take host-only cookies only.
  if (/^[\d.]+$|^\[|^[^.]+$/.test(host)) return out
  const labels = host.split('.')
  for (let i = 0; i < labels.length - 1; i++) {
    const domain = labels.slice(i).join('.')
    out.push(domain, `.${domain}`)
  }
  return out
}

/** Every path a cookie visible on `pathname` may carry: `/`, then each prefix, with and without a trailing slash. */
export function cookiePaths(pathname: string): string[] {
  const out = new Set(['/'])
  let path = ''
  for (const part of pathname.split('/').filter(Boolean)) {
    path += `/${part}`
    out.add(path)
    out.add(`${path}/`)
  }
  return [...out]
}

/** Names of the cookies this document can see. */
export function cookieNames(doc: Document): string[] {
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean)
}

/** Expires `name` on every domain and path it could have been set for from this page. */
export function expireCookie(doc: Document, name: string, extraDomain?: string): void {
  const { hostname, pathname } = doc.location
  const domains = cookieDomains(hostname)
  if (extraDomain && !domains.includes(extraDomain)) domains.push(extraDomain)
  for (const domain of domains) {
    for (const path of cookiePaths(pathname)) {
      doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`
    }
  }
}
