import { beforeEach, describe, expect, it } from 'vitest'
import { normalizeLocation, resolveJurisdiction } from '@consentry/shared'
import { withDefaults } from './config/defaults'
import type { LoadedConfig } from './config/load'
import { createStore } from './store'
import { SITE, cleanPage } from './testing/site'

const loaded = (country: string, region?: string): LoadedConfig => ({
  config: withDefaults(SITE),
  versionId: 'cfg_1',
  publishedAt: null,
  jurisdiction: resolveJurisdiction(normalizeLocation(country, region)),
})

beforeEach(() => cleanPage())

describe('createStore', () => {
  it('starts from the regime defaults: nothing optional under opt-in, everything under opt-out', () => {
    expect(createStore({ loaded: loaded('DE'), gpc: false }).snapshot().consent.categories.analytics).toBe(false)
    expect(createStore({ loaded: loaded('US', 'TX'), gpc: false }).snapshot().consent.categories.analytics).toBe(true)
  })

  it('writes the cookie first, then tells subscribers with the cause; a new store reads the choice back', () => {
    const store = createStore({ loaded: loaded('DE'), gpc: false })
    const seen: string[] = []
    store.subscribe((snapshot, cause) => seen.push(`${cause}:${snapshot.state?.method}:${document.cookie.includes('consentry=')}`))
    store.decide('accept_all')
    expect(seen).toEqual(['decision:accept_all:true'])
    const again = createStore({ loaded: loaded('DE'), gpc: false })
    expect(again.snapshot().state).toEqual(store.snapshot().state)
  })

  it('keeps one visitor id across decisions and a new one after reset', () => {
    const store = createStore({ loaded: loaded('DE'), gpc: false })
    const first = store.decide('reject_all').visitorId
    expect(store.decide('accept_all').visitorId).toBe(first)
    const causes: string[] = []
    store.subscribe((_s, cause) => causes.push(cause))
    store.reset()
    expect(store.snapshot().state).toBeNull()
    expect(causes).toEqual(['reset'])
    expect(store.decide('accept_all').visitorId).not.toBe(first)
  })

  it("a GPC opt-out over an earlier choice keeps that choice's method and date but records method gpc", () => {
    const before = createStore({ loaded: loaded('US', 'CA'), gpc: false, now: () => 1000 })
    before.decide('accept_all')
    const store = createStore({ loaded: loaded('US', 'CA'), gpc: true, now: () => 5000 })
    const causes: string[] = []
    store.subscribe((_s, cause) => causes.push(cause))
    const recorded = store.decide('gpc')
    expect(recorded).toMatchObject({ method: 'gpc', decidedAt: 5000, doNotSell: true, gpc: true })
    expect(store.snapshot().state).toMatchObject({ method: 'accept_all', decidedAt: 1000, doNotSell: true, gpc: true })
    expect(store.snapshot().consent.categories.advertising).toBe(false)
    expect(causes).toEqual(['gpc'])
  })

  it('a subscriber that throws does not stop the others', () => {
    const store = createStore({ loaded: loaded('DE'), gpc: false })
    const calls: number[] = []
    const warn = console.warn
    console.warn = () => {}
    store.subscribe(() => {
      throw new Error('boom')
    })
    store.subscribe(() => calls.push(1))
    store.decide('accept_all')
    console.warn = warn
    expect(calls).toEqual([1])
  })
})
