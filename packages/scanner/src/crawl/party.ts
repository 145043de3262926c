import { getDomain } from 'tldts'

/** The registrable domain ("site") of a host: `www.shop.example.co.uk` → `example.co.uk`; hosts without one (IPs, localhost) stand for themselves. */
export function siteOf(host: string): string {
  const h = host.replace(/^\./, '').toLowerCase()
  return getDomain(h, { allowPrivateDomains: true }) ?? h
}

/** First party when the host (or cookie domain) belongs to the same site as the scanned page. */
export function partyOf(host: string, pageHost: string): 'first' | 'third' {
  return siteOf(host) === siteOf(pageHost) ? 'first' : 'third'
}
