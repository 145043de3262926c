import { describe, expect, it } from 'vitest'
import { clientAddressReader, parseTrustProxy, rateKeyOf } from './client-address'

describe('clientAddressReader', () => {
  it('without trust, takes the socket peer and ignores X-Forwarded-For', () => {
    expect(clientAddressReader(false)('192.0.2.1', '203.0.113.9')).toBe('192.0.2.1')
  })

  it('with one trusted hop, takes the entry the proxy appended, not the one the client sent', () => {
    const read = clientAddressReader(1)
    expect(read('10.0.0.2', '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9')
    expect(read('10.0.0.2', '203.0.113.9')).toBe('203.0.113.9')
    expect(clientAddressReader(true)('10.0.0.2', '1.1.1.1, 2.2.2.2, 203.0.113.9')).toBe('203.0.113.9')
  })

  it('with two hops, counts from the right; with fewer entries, takes the furthest there is', () => {
    const read = clientAddressReader(2)
    expect(read('10.0.0.2', '198.51.100.66, 203.0.113.9, 10.0.0.1')).toBe('203.0.113.9')
    expect(read('10.0.0.2', '203.0.113.9')).toBe('203.0.113.9')
    expect(read('203.0.113.9', undefined)).toBe('203.0.113.9')
  })

  it('with proxy addresses, skips trusted hops from the right and trusts nothing from an unlisted peer', () => {
    const read = clientAddressReader(['10.0.0.0/8', '2001:db8::1'])
    expect(read('10.0.0.2', '198.51.100.66, 203.0.113.9, 10.1.2.3')).toBe('203.0.113.9')
    expect(read('2001:db8::1', '203.0.113.9')).toBe('203.0.113.9')
    expect(read('::ffff:10.0.0.2', '203.0.113.9')).toBe('203.0.113.9')
    expect(read('192.0.2.50', '203.0.113.9')).toBe('192.0.2.50')
  })
})

describe('parseTrustProxy', () => {
  it('reads off, a hop count and address lists, and refuses what is neither', () => {
    expect(parseTrustProxy(undefined)).toBe(false)
    expect(parseTrustProxy('0')).toBe(false)
    expect(parseTrustProxy('true')).toBe(1)
    expect(parseTrustProxy('2')).toBe(2)
    expect(parseTrustProxy('10.0.0.0/8, ::1')).toEqual(['10.0.0.0/8', '::1'])
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/CONSENTRY_TRUST_PROXY/)
  })
})

describe('rateKeyOf', () => {
  it('keys IPv6 by its /64 and IPv4 by the address', () => {
    expect(rateKeyOf('2001:db8:1:2:aaaa::1')).toBe(rateKeyOf('2001:db8:1:2:ffff:1:2:3'))
    expect(rateKeyOf('2001:db8:1:2::1')).not.toBe(rateKeyOf('2001:db8:1:3::1'))
    expect(rateKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(rateKeyOf('192.0.2.1')).not.toBe(rateKeyOf('192.0.2.2'))
  })
})
