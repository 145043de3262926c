/** Pure helpers for finding the pages to scan: sitemap parsing and same-origin link filtering. */

/** The URLs a sitemap lists, and the nested sitemaps a sitemap index points to. */
export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  const locs = (block: string) => [...block.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)].map((m) => decodeXml(m[1]!))
  const sitemaps = [...xml.matchAll(/<sitemap>([\s\S]*?)<\/sitemap>/gi)].flatMap((m) => locs(m[1]!))
  const pages = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/gi)].flatMap((m) => locs(m[1]!))
  return { pages, sitemaps }
}

const decodeXml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")

/** `Sitemap:` lines of a robots.txt. */
export function sitemapsInRobots(text: string): string[] {
  return [...text.matchAll(/^\s*sitemap:\s*(\S+)\s*$/gim)].map((m) => m[1]!)
}

const SKIP = /\.(pdf|zip|gz|tgz|rar|7z|png|jpe?g|gif|webp|avif|svg|ico|mp4|webm|mov|mp3|wav|ogg|woff2?|ttf|eot|css|js|json|xml|txt|csv|xlsx?|docx?|pptx?)$/i

/**
 * A page URL worth visiting on `origin`, normalised (no fragment), or null: other origins, non-http(s)
 * schemes and links to files are left out.
 */
export function samePageUrl(href: string, origin: string): string | null {
  let url: URL
  try {
    url = new URL(href, origin)
  } catch {
    return null
  }
  if (url.origin !== origin || !/^https?:$/.test(url.protocol) || SKIP.test(url.pathname)) return null
  url.hash = ''
  return url.toString()
}
