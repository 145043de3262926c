import { describe, expect, it } from 'vitest'
import { coarseUserAgent, secGpcEnabled, stripQuery, truncateIp } from './client-meta'

describe('secGpcEnabled', () => {
  it.each([
    ['1', true],
    ['0', false],
    ['true', false],
    [' 1', false],
    ['1 ', false],
    ['01', false],
    ['', false],
    ['1, 0', true],
    ['0, 1', true],
    ['0, 0', false],
  ])('GPC-02: %j → %s (exactly "1"; with duplicates any "1" wins)', (value, expected) => {
    expect(secGpcEnabled(value)).toBe(expected)
  })
  it('is off when the header is absent', () => {
    expect(secGpcEnabled(undefined)).toBe(false)
  })
})

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'],
    ['2001:db8:1234:5678::1', '2001:db8:1234::'],
    ['2001:0db8:0000:5678::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['not an ip', null],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.0'],
    ['256.1.1.1', null],
    ['01.2.3.4', null],
    ['1.2.3', null],
    [' 203.0.113.77 ', '203.0.113.0'],
  ])('REC-03: %s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected)
  })

  it('treats an IPv4 address alike on the fast path and as an IPv4-mapped IPv6 address', () => {
    for (let i = 0; i < 500; i++) {
      const ip = Array.from({ length: 4 }, (_, k) => String((i * 37 + k * 101) % 256)).join('.')
      expect(truncateIp(ip)).toBe(truncateIp(`::ffff:${ip}`))
    }
  })
})

describe('coarseUserAgent', () => {
  it('REC-03: keeps only browser family, major version and OS', () => {
    expect(
      coarseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 / iOS')
    expect(coarseUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox 121 / Linux')
    expect(
      coarseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91'),
    ).toBe('Edge 120 / Windows')
    expect(coarseUserAgent('curl/8.4.0')).toBe('Other / Other')
    expect(coarseUserAgent(undefined)).toBeNull()
  })

  it('reads only the first 512 characters, where real user agents name browser and OS', () => {
    const inApp =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.32.113;FBBV/553847613;FBDV/iPhone15,3;FBMD/iPhone;FBSN/iOS;FBSV/17.1;FBSS/3;FBID/phone;FBLC/en_GB;FBOP/5;FBRV/556185416] Version/17.1 Safari/604.1'
    expect(coarseUserAgent(inApp)).toBe('Safari 17 / iOS')
    expect(coarseUserAgent(`${'x'.repeat(600)} (X11; Linux x86_64) Chrome/120.0.0.0`)).toBe('Other / Other')
    expect(coarseUserAgent('Version/1 '.repeat(1600))).toBe('Other / Other')
    expect(coarseUserAgent(`Mozilla/5.0 (Windows NT 10.0) Chrome/120.0.0.0 ${'y'.repeat(20_000)}`)).toBe('Chrome 120 / Windows')
  })

  it('gives the same answer from its cache', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'
    expect([coarseUserAgent(ua), coarseUserAgent(ua), coarseUserAgent(`${ua} Edg/99`)]).toEqual([
      'Firefox 121 / Linux',
      'Firefox 121 / Linux',
      'Edge 99 / Linux',
    ])
  })
})

describe('stripQuery', () => {
  it('drops the query string and fragment', () => {
    expect(stripQuery('https://shop.example:8443/a/b?x=1#y')).toBe('https://shop.example:8443/a/b')
  })
})
