import { isIP } from 'node:net'

/** What the server keeps of the client's address. */
export type IpMode = 'truncate' | 'drop'

/** IPv4 → /24 (`203.0.113.0`), IPv6 → /48 (`2001:db8:1::`); anything else → null. */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  let addr = ip.trim()
  if (addr.startsWith('::ffff:') && isIP(addr.slice(7)) === 4) addr = addr.slice(7)
  const kind = isIP(addr)
  if (kind === 4) return `${addr.split('.').slice(0, 3).join('.')}.0`
  if (kind === 6) return `${expandIpv6(addr).slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::`
  return null
}

function expandIpv6(addr: string): string[] {
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

/** A coarse user agent (`Chrome 120 / Windows`): browser family, major version and OS only (REC-03). */
export function coarseUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null
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
