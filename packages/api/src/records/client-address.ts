import { BlockList, isIP } from 'node:net'
import { expandIpv6 } from './client-meta'

/**
 * Which `X-Forwarded-For` entries the server believes: none (`false`), the last `n` hops (the entries that
 * proxies you run appended, counted from the right), or every entry appended by one of the given proxy
 * addresses or CIDR ranges. The leftmost entries are whatever the client sent, so they are never taken on trust.
 */
export type TrustProxy = false | number | readonly string[]

/** A compiled `TrustProxy`: the client address of a request from its socket peer and `X-Forwarded-For`. */
export type ClientAddressOf = (remoteAddress: string | undefined, forwardedFor: string | undefined) => string | null

/** Builds the reader of client addresses for a trust setting; throws on an address or range that does not parse. */
export function clientAddressReader(trust: TrustProxy | boolean): ClientAddressOf {
  if (trust === false || trust === 0) return (remote) => remote || null
  if (trust === true || typeof trust === 'number') {
    const hops = trust === true ? 1 : trust
    return (remote, xff) => {
      const chain = forwardedChain(remote, xff)
      // chain[0] is the socket peer (the nearest proxy); each trusted hop vouches for the entry left of it.
      return chain[Math.min(hops, chain.length - 1)] || null
    }
  }
  const proxies = trustedProxies(trust)
  return (remote, xff) => {
    const chain = forwardedChain(remote, xff)
    let i = 0
    while (i < chain.length - 1 && isTrusted(proxies, chain[i]!)) i++
    return chain[i] || null
  }
}

/** Reads `CONSENTRY_TRUST_PROXY`: unset, `0` or `false`; `true` (one hop); a hop count; or a comma list of addresses and CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim()
  if (v === '' || v === '0' || v === 'false') return false
  if (v === 'true') return 1
  if (/^[0-9]+$/.test(v)) return Number(v)
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  trustedProxies(list)
  return list
}

/** The socket peer (empty when unknown), then the `X-Forwarded-For` entries from the right (nearest first). */
function forwardedChain(remote: string | undefined, xff: string | undefined): string[] {
  const chain = [remote ?? '']
  if (xff) {
    const entries = xff.split(',')
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!.trim()
      if (entry) chain.push(entry)
    }
  }
  return chain
}

function trustedProxies(list: readonly string[]): BlockList {
  const blocks = new BlockList()
  for (const item of list) {
    const [address = '', bits] = item.split('/')
    const kind = isIP(address)
    if (kind === 0 || (bits !== undefined && !/^[0-9]{1,3}$/.test(bits))) {
      throw new Error(`CONSENTRY_TRUST_PROXY: "${item}" is not a hop count, an IP address or a CIDR range`)
    }
    const type = kind === 4 ? 'ipv4' : 'ipv6'
    if (bits === undefined) blocks.addAddress(address, type)
    else blocks.addSubnet(address, Number(bits), type)
  }
  return blocks
}

function isTrusted(proxies: BlockList, address: string): boolean {
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
  const kind = isIP(plain)
  return kind !== 0 && proxies.check(plain, kind === 4 ? 'ipv4' : 'ipv6')
}

/**
 * The rate limiter's key for an address: IPv4 as is, IPv6 by its /64 (one subscriber's whole network, which a
 * client rotates through at no cost), an IPv4-mapped IPv6 address as its IPv4.
 */
export function rateKeyOf(ip: string | null): string {
  if (!ip) return '?'
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  if (isIP(plain) !== 6) return plain
  return `${expandIpv6(plain.split('%')[0]!)
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
