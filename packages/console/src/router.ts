// Hash routes: `#/sites`, `#/sites/<id>/<tab>`, `#/keys`. A sign-in link arrives as `#signin=<token>`.
import { useEffect, useState } from 'preact/hooks'

export type Route = { name: 'sites' } | { name: 'site'; siteId: string; tab: SiteTab } | { name: 'keys' }

export const SITE_TABS = ['settings', 'configuration', 'publish', 'embed', 'log', 'statistics', 'requests', 'scans'] as const
export type SiteTab = (typeof SITE_TABS)[number]

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  if (parts[0] === 'keys') return { name: 'keys' }
  if (parts[0] === 'sites' && parts[1]) {
    const tab = (SITE_TABS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as SiteTab) : 'configuration'
    return { name: 'site', siteId: decodeURIComponent(parts[1]), tab }
  }
  return { name: 'sites' }
}

export const href = {
  sites: () => '#/sites',
  site: (siteId: string, tab: SiteTab = 'configuration') => `#/sites/${encodeURIComponent(siteId)}/${tab}`,
  keys: () => '#/keys',
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash))
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return route
}
