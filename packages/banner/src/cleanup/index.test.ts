import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSource, type TestSource } from '../../test/fixtures/source'
import { cookieDomains, cookiePaths, startCleanup } from './index'
import { BUNDLED } from '../parts-bundled'

let stop: () => void = () => {}
let source: TestSource
const cookies = () =>
  document.cookie
    .split(';')
    .map((c) => c.trim().split('=')[0])
    .filter(Boolean)
    .sort()

beforeEach(() => {
  for (const name of cookies()) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  localStorage.clear()
  sessionStorage.clear()
  source = createTestSource()
})
afterEach(() => {
  stop()
  vi.restoreAllMocks()
})

describe('cookieDomains and cookiePaths', () => {
  it('lists host-only, the host and every parent domain, dotted and not', () => {
    expect(cookieDomains('www.shop.example.co')).toEqual([
      null,
      'www.shop.example.co',
      '.www.shop.example.co',
      'shop.example.co',
      '.shop.example.co',
      'example.co',
      '.example.co',
    ])
    expect(cookieDomains('127.0.0.1')).toEqual([null])
    expect(cookieDomains('localhost')).toEqual([null])
  })

  it('lists every path prefix of the current path', () => {
    expect(cookiePaths('/shop/cart/')).toEqual(['/', '/shop', '/shop/', '/shop/cart', '/shop/cart/'])
  })
})

describe('startCleanup', () => {
  it('EU-12: withdrawal deletes the declared cookies (exact and prefix) and storage keys of withdrawn services', () => {
    source.decide('accept_all')
    stop = startCleanup(source, BUNDLED)
    document.cookie = '_ga=GA1.1.1; path=/'
    document.cookie = '_ga_ABC123=GS1.1; path=/'
    document.cookie = '_hjSession_42=x; path=/'
    document.cookie = '_fbp=fb.1; path=/'
    document.cookie = 'cart=1; path=/'
    localStorage.setItem('ga_debug', '1')
    sessionStorage.setItem('_hjTab', '1')
    localStorage.setItem('theme', 'dark')
    source.decide('custom', { categories: { analytics: false, advertising: true, functional: true } })
    expect(cookies()).toEqual(['_fbp', 'cart'])
    expect(localStorage.getItem('ga_debug')).toBeNull()
    expect(sessionStorage.getItem('_hjTab')).toBeNull()
    expect(localStorage.getItem('theme')).toBe('dark')
    source.decide('withdraw')
    expect(cookies()).toEqual(['cart'])
  })

  it('EU-12: reports what it cannot remove (HttpOnly, third-party) to the console, the callback and a DOM event', () => {
    source.decide('accept_all')
    const report = vi.fn()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    stop = startCleanup(source, BUNDLED, report)
    const events: unknown[] = []
    document.addEventListener('consentry:leftovers', (e) => events.push((e as CustomEvent).detail), { once: true })
    source.decide('withdraw')
    const leftovers = report.mock.calls[0]![0] as string[]
    expect(events).toEqual([{ leftovers }])
    expect(leftovers.some((l) => l.includes('_hjServer') && l.includes('HttpOnly'))).toBe(true)
    expect(leftovers.some((l) => l.includes('fr') && l.includes('third-party: .facebook.com'))).toBe(true)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('leaves granted services alone and reports nothing when nothing was withdrawn', () => {
    source.decide('accept_all')
    const report = vi.fn()
    stop = startCleanup(source, BUNDLED, report)
    document.cookie = '_ga=1; path=/'
    source.decide('accept_all')
    expect(cookies()).toEqual(['_ga'])
    expect(report).not.toHaveBeenCalled()
  })

  it('EU-01: sweeps cookies of refused services at start, without reporting', () => {
    document.cookie = '_ga=stale; path=/'
    const report = vi.fn()
    stop = startCleanup(source, BUNDLED, report)
    expect(cookies()).toEqual([])
    expect(report).not.toHaveBeenCalled()
  })
})
