import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GppModel } from '@iabgpp/cmpapi'
import { CONSENT_MODE_TYPES } from '@consentry/shared'
import { createTestSource } from '../../test/fixtures/source'
import { installEarlySignals } from './early-signals'
import { CONSENT_EVENT, startSignals } from './index'
import { BUNDLED } from '../parts-bundled'
import type { GppPing } from './cmp-api'

type Win = Window & Record<string, any>
const w = window as Win

/** gtag commands in the dataLayer, as arrays. */
const commands = () =>
  (w.dataLayer as unknown[])
    .filter((e) => !Array.isArray(e) && typeof e === 'object' && e !== null && !('event' in e))
    .map((e) => Array.from(e as ArrayLike<unknown>))
const updates = () => commands().filter((c) => c[0] === 'consent' && c[1] === 'update')
const gpp = <T>(command: string, parameter?: unknown): T => {
  let out: unknown
  w.__gpp(command, (data: unknown) => (out = data), parameter)
  return out as T
}

let stop: () => void = () => {}
beforeEach(() => {
  for (const key of ['dataLayer', 'gtag', 'fbq', '_fbq', 'uetq', '__gpp', '__uspapi']) delete w[key]
})
afterEach(() => stop())

describe('installEarlySignals', () => {
  it('ADS-01/ADS-04: the first dataLayer entry is a consent default with all seven types denied and wait_for_update', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const [first, second] = commands()
    expect(first![0]).toBe('consent')
    expect(first![1]).toBe('default')
    const defaults = first![2] as Record<string, unknown>
    for (const type of CONSENT_MODE_TYPES) expect(defaults[type]).toBe(type === 'security_storage' ? 'granted' : 'denied')
    expect(defaults.wait_for_update).toBe(500)
    expect(second).toEqual(['set', 'ads_data_redaction', true])
  })

  it('ADS-01: pushes arguments objects, the form gtag.js reads, and keeps a gtag the page already defined', () => {
    installEarlySignals(null, { waitForUpdateMs: 0 })
    expect(Object.prototype.toString.call(w.dataLayer[0])).toBe('[object Arguments]')
    const calls: unknown[][] = []
    w.gtag = (...args: unknown[]) => calls.push(args)
    installEarlySignals(null, { waitForUpdateMs: 0 })
    expect(calls[0]?.[1]).toBe('default')
  })

  it('applies a stored choice synchronously: granted types in the default, no redaction', () => {
    const source = createTestSource()
    source.decide('accept_all')
    installEarlySignals(source.snapshot().consent, { waitForUpdateMs: 500 })
    expect((commands()[0]![2] as Record<string, unknown>).ad_storage).toBe('granted')
    expect(commands().some((c) => c[1] === 'ads_data_redaction')).toBe(false)
    expect(w.fbq.queue.map((a: ArrayLike<unknown>) => Array.from(a))).toEqual([['consent', 'grant']])
  })

  it('ADS-09/ADS-08: queues fbq revoke and UET default denied before any init', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    w.fbq('init', '123')
    expect(w.fbq.queue.map((a: ArrayLike<unknown>) => Array.from(a))).toEqual([
      ['consent', 'revoke'],
      ['init', '123'],
    ])
    expect(w.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }])
  })

  it('IAB-01/IAB-02: __gpp is a function at once, pings "not ready" with no applicable section, and replays an IAB stub queue', () => {
    const seen: string[] = []
    const stub = Object.assign(() => {}, { queue: [['ping', (d: GppPing) => seen.push(d.signalStatus)]] })
    w.__gpp = stub
    installEarlySignals(null, { waitForUpdateMs: 500 })
    expect(typeof w.__gpp).toBe('function')
    expect(seen).toEqual(['not ready'])
    const ping = gpp<GppPing>('ping')
    expect(ping).toMatchObject({ gppVersion: '1.1', cmpId: 1, applicableSections: [-1], signalStatus: 'not ready', supportedAPIs: ['7:usnat', '8:usca'] })
  })
})

describe('startSignals', () => {
  it('ADS-03: exactly one consent update per decision, covering every type', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const source = createTestSource()
    stop = startSignals(source, BUNDLED)
    expect(updates()).toHaveLength(0) // nothing changed since the default
    source.decide('accept_all')
    expect(updates()).toHaveLength(1)
    expect(Object.keys(updates()[0]![2] as object).sort()).toEqual([...CONSENT_MODE_TYPES].sort())
    source.decide('reject_all')
    source.decide('reject_all')
    expect(updates()).toHaveLength(3)
    expect((updates()[2]![2] as Record<string, string>).analytics_storage).toBe('denied')
  })

  it('EU-12: withdrawal sends gtag denied, ads_data_redaction, fbq revoke and UET update', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const source = createTestSource()
    stop = startSignals(source, BUNDLED)
    source.decide('accept_all')
    source.decide('withdraw')
    const last = updates().at(-1)![2] as Record<string, string>
    expect(last.ad_storage).toBe('denied')
    expect(commands().at(-1)).toEqual(['set', 'ads_data_redaction', true])
    expect(w.fbq.queue.map((a: ArrayLike<unknown>) => Array.from(a)).slice(-2)).toEqual([
      ['consent', 'grant'],
      ['consent', 'revoke'],
    ])
    expect(w.uetq.slice(-3)).toEqual(['consent', 'update', { ad_storage: 'denied' }])
  })

  it('pushes a GTM event on start and after each decision', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const source = createTestSource()
    stop = startSignals(source, BUNDLED)
    source.decide('accept_all')
    const events = (w.dataLayer as Record<string, any>[]).filter((e) => e.event === CONSENT_EVENT)
    expect(events.map((e) => e.consentry.cause)).toEqual(['init', 'decision'])
    expect(events[1]!.consentry.categories.analytics).toBe(true)
  })

  it('ADS-07/IAB-06: GPC in US-CA sends ad types denied and publishes usnat/usca opted out with Gpc', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const source = createTestSource({ country: 'US', region: 'CA', gpc: true })
    stop = startSignals(source, BUNDLED)
    const update = updates().at(-1)![2] as Record<string, string>
    expect([update.ad_storage, update.ad_user_data, update.ad_personalization]).toEqual(['denied', 'denied', 'denied'])
    expect(update.analytics_storage).toBe('granted') // opt-out regime: analytics allowed until refused
    const ping = gpp<GppPing>('ping')
    expect(ping).toMatchObject({ signalStatus: 'ready', cmpStatus: 'loaded', applicableSections: [7, 8], sectionList: [7, 8] })
    const model = new GppModel(ping.gppString)
    expect(model.getFieldValue('usnat', 'SaleOptOut')).toBe(1)
    expect(model.getFieldValue('usca', 'SharingOptOut')).toBe(1)
    expect(model.getFieldValue('usca', 'Gpc')).toBe(true)
    expect(gpp('getField', 'usnat.SaleOptOut')).toBe(1)
    expect(gpp('hasSection', 'usca')).toBe(true)
    expect(gpp<Record<string, unknown>>('getSection', 'usnat').TargetedAdvertisingOptOut).toBe(1)
    let usp: unknown
    w.__uspapi('getUSPData', 1, (data: unknown) => (usp = data))
    expect(usp).toEqual({ version: 1, uspString: '1YYN' })
  })

  it('IAB-08: 1YNN in California before an opt-out, 1--- outside it; no section applies in the EU', () => {
    const usp = () => {
      let out: { uspString?: string } = {}
      w.__uspapi('getUSPData', 1, (data: { uspString: string }) => (out = data))
      return out.uspString
    }
    stop = startSignals(createTestSource({ country: 'US', region: 'CA' }), BUNDLED)
    expect(usp()).toBe('1YNN')
    stop()
    stop = startSignals(createTestSource({ country: 'US', region: 'TX' }), BUNDLED)
    expect(usp()).toBe('1---')
    expect(gpp<GppPing>('ping').applicableSections).toEqual([7])
    stop()
    stop = startSignals(createTestSource({ country: 'FR' }), BUNDLED)
    expect(gpp<GppPing>('ping')).toMatchObject({ applicableSections: [-1], sectionList: [], gppString: 'DBAA' })
  })

  it('IAB-03/IAB-06: listeners get listenerRegistered at once, then signalStatus first and last around sectionChange', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const log: string[] = []
    w.__gpp('addEventListener', (e: { eventName: string; data: unknown }) => log.push(`${e.eventName}:${String(e.data)}`))
    expect(log).toEqual(['listenerRegistered:true'])
    const source = createTestSource({ country: 'US', region: 'CA' })
    stop = startSignals(source, BUNDLED)
    log.length = 0
    source.decide('dns_link', { doNotSell: true })
    expect(log).toEqual(['signalStatus:not ready', 'sectionChange:usnat', 'sectionChange:usca', 'signalStatus:ready'])
    expect(gpp('getField', 'usca.SaleOptOut')).toBe(1)
  })

  it("IAB-01: removeEventListener stops a listener's events and answers true; an unknown listenerId answers false", () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const source = createTestSource({ country: 'US', region: 'CA' })
    stop = startSignals(source, BUNDLED)
    const heard = { kept: [] as string[], removed: [] as string[] }
    let removedId = -1
    w.__gpp('addEventListener', (e: { eventName: string; listenerId: number }) => {
      if (e.eventName === 'listenerRegistered') removedId = e.listenerId
      else heard.removed.push(e.eventName)
    })
    w.__gpp('addEventListener', (e: { eventName: string }) => heard.kept.push(e.eventName))
    expect(removedId).toBeGreaterThanOrEqual(0)
    const answers: [unknown, boolean][] = []
    w.__gpp('removeEventListener', (data: unknown, success: boolean) => answers.push([data, success]), removedId)
    w.__gpp('removeEventListener', (data: unknown, success: boolean) => answers.push([data, success]), removedId) // already gone
    w.__gpp('removeEventListener', (data: unknown, success: boolean) => answers.push([data, success]), 9999)
    expect(answers[0]).toEqual([true, true])
    expect(answers[1]![0]).toBe(false)
    expect(answers[2]![0]).toBe(false)
    heard.kept.length = 0
    source.decide('dns_link', { doNotSell: true })
    expect(heard.kept).toContain('sectionChange') // events still flow to the other listener
    expect(heard.removed).toEqual([])
  })

  it('IAB-02/IAB-03: cmpDisplayStatus follows the banner views and fires cmpDisplayStatus events', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    stop = startSignals(createTestSource(), BUNDLED)
    const log: string[] = []
    w.__gpp('addEventListener', (e: { eventName: string; data: unknown }) => log.push(`${e.eventName}:${String(e.data)}`))
    const view = (type: string, name: string) => document.dispatchEvent(new CustomEvent(type, { detail: { view: name } }))
    view('consentry:show', 'banner')
    view('consentry:show', 'preferences')
    view('consentry:hide', 'banner')
    expect(gpp<GppPing>('ping').cmpDisplayStatus).toBe('visible')
    view('consentry:hide', 'preferences')
    expect(gpp<GppPing>('ping').cmpDisplayStatus).toBe('hidden')
    expect(log).toEqual(['listenerRegistered:true', 'cmpDisplayStatus:visible', 'cmpDisplayStatus:hidden'])
  })

  it('IAB-01: section reads made before the data is ready are answered, in order, once it is', () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    const answers: unknown[] = []
    w.__gpp('getField', (d: unknown) => answers.push(d), 'usnat.SaleOptOut')
    w.__gpp('hasSection', (d: unknown) => answers.push(d), 'usnat')
    expect(answers).toEqual([])
    stop = startSignals(createTestSource({ country: 'US', region: 'CO' }), BUNDLED)
    expect(answers).toEqual([2, true])
  })

  it('IAB-01: answers __gppCall postMessages from frames with __gppReturn and the same callId', async () => {
    installEarlySignals(null, { waitForUpdateMs: 500 })
    stop = startSignals(createTestSource({ country: 'US', region: 'CA' }), BUNDLED)
    const replies: unknown[] = []
    const source = { postMessage: (message: unknown) => replies.push(message) }
    window.dispatchEvent(new MessageEvent('message', { data: { __gppCall: { command: 'ping', callId: 7 } }, source: source as unknown as Window }))
    window.dispatchEvent(
      new MessageEvent('message', {
        data: JSON.stringify({ __uspapiCall: { command: 'getUSPData', version: 1, callId: 'u' } }),
        source: source as unknown as Window,
      }),
    )
    expect(replies[0]).toMatchObject({ __gppReturn: { success: true, callId: 7, returnValue: { gppVersion: '1.1' } } })
    expect(JSON.parse(replies[1] as string)).toEqual({ __uspapiReturn: { success: true, callId: 'u', returnValue: { version: 1, uspString: '1YNN' } } })
    // Each locator frame is added in a task of its own.
    await vi.waitFor(() => expect(document.querySelector('iframe[name="__gppLocator"]')).not.toBeNull())
    await vi.waitFor(() => expect(document.querySelector('iframe[name="__uspapiLocator"]')).not.toBeNull())
  })

  it('adds no locator frames where no US section applies, and the page still gets its answers', () => {
    for (const frame of document.querySelectorAll('iframe[name$="Locator"]')) frame.remove()
    installEarlySignals(null, { waitForUpdateMs: 500 })
    stop = startSignals(createTestSource({ country: 'FR' }), BUNDLED)
    expect(document.querySelectorAll('iframe[name$="Locator"]')).toHaveLength(0)
    expect(gpp<GppPing>('ping')).toMatchObject({ signalStatus: 'ready', applicableSections: [-1] })
  })
})
