import { isIP } from 'node:net'
import { LRUCache } from 'lru-cache'

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/** What the server keeps of the client's address. */
export type IpMode = 'truncate' | 'drop'

/** IPv4 → /24 (`203.0.113.0`), IPv6 → /48 (`2001:db8:1::`); anything else → null. */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  // The common case, a socket's plain IPv4 address, without splitting and joining.
  if (IPV4.test(ip)) return `${ip.slice(0, ip.lastIndexOf('.'))}.0`
  let addr = ip.trim()
  if (addr.startsWith('::ffff:') && isIP(addr.slice(7)) === 4) addr = addr.slice(7)
  const kind = isIP(addr)
  if (kind === 4) return `${addr.split('.').slice(0, 3).join('.')}.0`
  if (kind === 6)
    return `${expandIpv6(addr)
      .slice(0, 3)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::`
  return null
}

/** The eight groups of an IPv6 address, lower case, `::` filled in. */
export function expandIpv6(addr: string): string[] {
  const [head = '', tail] = addr.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...fill, ...right].map((g) => g.toLowerCase())
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* .*Safari\//, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

// Visitors share a few thousand user agents at most: each is reduced once (ten regular expressions) and kept.
// Browsers send few distinct user agents: each is reduced once, for the most recently seen 5000.
const coarseCache = new LRUCache<string, string>({ max: 5000, memoMethod: reduceUserAgent })

/**
 * How much of a user agent is read. Real ones name browser and OS in their first few hundred characters; a
 * header of many kilobytes made the Safari pattern (its `.*` backtracks over the rest) hold the request thread
 * for milliseconds, and would have filled the cache with huge keys.
 */
const USER_AGENT_READ = 512

/** A coarse user agent (`Chrome 120 / Windows`): browser family, major version and OS only (REC-03). */
export function coarseUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null
  const head = ua.length > USER_AGENT_READ ? ua.slice(0, USER_AGENT_READ) : ua
  return coarseCache.memo(head)
}

function reduceUserAgent(ua: string): string {
  let browser = 'Other'
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua)
    if (m) {
      browser = `${name} ${m[1]}`
      break
    }
  }
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? 'Other'
  return `${browser} / ${os}`
}

/** GPC-02: `Sec-GPC` counts only when a value is exactly `1`; with duplicate headers (joined by `, `), any `1` wins. */
export function secGpcEnabled(header: string | null | undefined): boolean {
  if (header === null || header === undefined) return false
  return header.split(', ').some((v) => v === '1')
}

/** The page URL as stored: scheme, host, port and path; no query string, no fragment. */
export function stripQuery(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname}`
}
