import { parseSitemap, samePageUrl, sitemapsInRobots } from './discover'

/** Where a URL lands after redirects (http → https, example.com → www.example.com); the URL itself when unreachable. */
export async function finalUrl(url: URL): Promise<URL> {
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10_000) })
    await res.body?.cancel()
    return res.url ? new URL(res.url) : url
  } catch {
    return url
  }
}

/** The start page plus sitemap pages (robots.txt `Sitemap:` lines, else /sitemap.xml), same origin only. */
export async function discoverSeeds(origin: string, start: string, extra: string[]): Promise<{ urls: string[]; fromSitemap: boolean }> {
  const get = async (url: string) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' })
      return res.ok ? await res.text() : null
    } catch {
      return null
    }
  }
  const robots = await get(`${origin}/robots.txt`)
  const maps = robots ? sitemapsInRobots(robots) : []
  if (!maps.length) maps.push(`${origin}/sitemap.xml`)
  const pages: string[] = []
  for (let i = 0; i < maps.length && i < 20; i++) {
    const xml = await get(maps[i]!)
    if (!xml || !/<(urlset|sitemapindex)\b/i.test(xml)) continue
    const parsed = parseSitemap(xml)
    pages.push(...parsed.pages)
    maps.push(...parsed.sitemaps.filter((s) => s.startsWith(origin)))
  }
  const own = (list: string[]) => list.map((u) => samePageUrl(u, origin)).filter((u): u is string => u !== null)
  const sitemapPages = own(pages)
  return { urls: [...new Set([start, ...own(extra), ...sitemapPages])], fromSitemap: sitemapPages.length > 0 }
}
