import { beforeEach, describe, expect, it, vi } from 'vitest'
import { decide } from '@consentry/shared'
import { consentInputSchema } from '@consentry/shared/schemas'
import { createOutbox } from './outbox'
import type { PendingDecision } from './record'

const ENDPOINT = 'https://consent.example/v1/consents'
const KEY = 'consentry:outbox:site_test0001'

const STATE = decide({
  method: 'accept_all',
  previous: null,
  visitorId: '0123456789abcdef0123456789abcdef',
  offered: { categories: ['essential', 'functional', 'analytics', 'advertising'], services: [] },
  policyRevision: 1,
  regime: 'opt_in',
  jurisdiction: 'DE',
  gpc: false,
  now: 1,
})

function record(key: string): PendingDecision {
  return {
    idempotencyKey: key.padEnd(16, '0'),
    state: STATE,
    context: { siteId: 'site_test0001', configVersionId: 'cfg_1', locale: 'en' },
    pageUrl: 'https://shop.example/',
    bannerVersion: '0.1.0',
  }
}

/** A fake network (fetch is a browser API): answers with the given statuses in turn, then 201. */
function network(...statuses: (number | 'down')[]) {
  const bodies: string[] = []
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(init!.body as string)
    const next = statuses.shift() ?? 201
    if (next === 'down') throw new TypeError('Failed to fetch')
    return new Response('{}', { status: next })
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, bodies, calls: fetch }
}

const wait = () => new Promise((r) => setTimeout(r, 5))

beforeEach(() => localStorage.clear())

describe('createOutbox', () => {
  it('keeps the record in localStorage until the API answers 2xx, then removes it', async () => {
    const net = network(201)
    const outbox = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: net.fetch })
    outbox.add(record('a'))
    expect(JSON.parse(localStorage.getItem(KEY)!)).toHaveProperty('a000000000000000')
    await outbox.flush()
    await wait()
    expect(localStorage.getItem(KEY)).toBeNull()
    // What is sent is the API's ConsentInput, every category stated.
    expect(JSON.parse(net.bodies[0]!)).toMatchObject({
      idempotencyKey: 'a000000000000000',
      siteId: 'site_test0001',
      visitorId: '0123456789abcdef0123456789abcdef',
      method: 'accept_all',
      categories: { essential: true, functional: true, analytics: true, advertising: true },
      configVersionId: 'cfg_1',
      pageUrl: 'https://shop.example/',
      bannerVersion: '0.1.0',
      decidedAt: 1,
    })
    expect(consentInputSchema.safeParse(JSON.parse(net.bodies[0]!)).error).toBeUndefined()
  })

  it('with the API down, retries with backoff and delivers later, once', async () => {
    const net = network('down', 503, 201)
    const outbox = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: net.fetch, backoff: () => 1 })
    outbox.add(record('b'))
    for (let i = 0; i < 20 && outbox.pending().length > 0; i++) await wait()
    expect(outbox.pending()).toEqual([])
    expect(net.calls).toHaveBeenCalledTimes(3)
    await wait()
    expect(net.calls).toHaveBeenCalledTimes(3) // nothing sent after the 2xx
    outbox.stop()
  })

  it('a record left by an earlier page is delivered by the next one (same idempotency key)', async () => {
    const first = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: network('down').fetch, backoff: () => 60_000 })
    first.add(record('c'))
    await wait()
    first.stop()
    expect(first.pending()).toHaveLength(1)
    const net = network(200)
    const second = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: net.fetch })
    await second.flush()
    expect(second.pending()).toEqual([])
    expect(JSON.parse(net.bodies[0]!).idempotencyKey).toBe('c000000000000000')
  })

  it('drops a record the API can never accept (400) but keeps one it throttled (429)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const outbox = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: network(429, 400).fetch, backoff: () => 60_000 })
    outbox.add(record('d'))
    await wait()
    expect(outbox.pending()).toHaveLength(1)
    await outbox.flush()
    expect(outbox.pending()).toHaveLength(0)
    outbox.stop()
    warn.mockRestore()
  })

  it('beacon() hands pending records to sendBeacon and keeps them until a 2xx', async () => {
    const beacon = vi.fn(() => true)
    vi.stubGlobal('navigator', { ...navigator, sendBeacon: beacon })
    const outbox = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: network('down').fetch, backoff: () => 60_000 })
    outbox.add(record('e'))
    await wait()
    outbox.beacon()
    expect(beacon).toHaveBeenCalledWith(ENDPOINT, expect.any(Blob))
    expect(outbox.pending()).toHaveLength(1)
    outbox.stop()
    vi.unstubAllGlobals()
  })

  it('works without localStorage (blocked): records are still delivered from memory', async () => {
    const net = network(201)
    const outbox = createOutbox({ endpoint: ENDPOINT, key: KEY, fetch: net.fetch, storage: null })
    outbox.add(record('f'))
    await outbox.flush()
    expect(net.calls).toHaveBeenCalledTimes(1)
    expect(outbox.pending()).toEqual([])
  })
})
