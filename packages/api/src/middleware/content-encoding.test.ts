import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { codedEtag, compress, CompressedBodies, negotiateCoding, sendEncoded } from './content-encoding'

describe('negotiateCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    // Nothing acceptable at all: identity anyway, as RFC 9110 §12.5.3 allows, rather than a 415 for a script.
    ['identity;q=0', 'identity'],
  ])('Accept-Encoding %j → %s', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding)
  })
})

describe('codedEtag', () => {
  it('keeps the identity ETag and gives each coding its own strong one', () => {
    expect(codedEtag('"abc"', 'identity')).toBe('"abc"')
    expect(codedEtag('"abc"', 'br')).toBe('"abc-br"')
    expect(codedEtag('"abc"', 'gzip')).toBe('"abc-gzip"')
  })
})

describe('CompressedBodies', () => {
  const body = 'function banner() { return "consent" }\n'.repeat(100)

  it('compresses a body once per coding, to bytes that decompress to it', async () => {
    const bodies = new CompressedBodies()
    const br = bodies.get('"a"', body, 'br')
    expect(bodies.get('"a"', body, 'br')).toBe(br)
    expect(brotliDecompressSync(await br).toString('utf8')).toBe(body)
    expect(gunzipSync(await bodies.get('"a"', body, 'gzip')).toString('utf8')).toBe(body)
    expect((await br).length).toBeLessThan(body.length / 10)
  })

  it('compresses a new body fast first, and at brotli quality 11 in the background once it is asked for again', async () => {
    // Varied text (a seeded word salad), where quality 11 finds more than quality 5.
    let seed = 7
    const words = Array.from({ length: 12_000 }, () => ((seed = (seed * 48_271) % 2_147_483_647), `w${(seed % 5000).toString(36)}`))
    const text = `var s = "${words.join(' ')}";`
    const [fast, best] = await Promise.all([compress(text, 'br', false), compress(text, 'br', true)])
    expect(best.length).toBeLessThan(fast.length)
    const bodies = new CompressedBodies()
    expect(await bodies.get('"v"', text, 'br')).toEqual(fast) // a one-off variant costs a fast compression only
    expect(await bodies.get('"v"', text, 'br')).toEqual(fast) // asked again: the best one is being made
    await expect.poll(async () => (await bodies.get('"v"', text, 'br')).length, { timeout: 10_000 }).toBe(best.length)
    expect(brotliDecompressSync(await bodies.get('"v"', text, 'br')).toString('utf8')).toBe(text)
  })

  it('keeps only the most recently used bodies', () => {
    const bodies = new CompressedBodies(2)
    const a = bodies.get('"a"', body, 'gzip')
    const b = bodies.get('"b"', body, 'gzip')
    expect(bodies.get('"a"', body, 'gzip')).toBe(a) // now the most recent
    bodies.get('"c"', body, 'gzip') // evicts "b", the least recent
    expect(bodies.get('"a"', body, 'gzip')).toBe(a)
    expect(bodies.get('"b"', body, 'gzip')).not.toBe(b)
  })
})

describe('sendEncoded', () => {
  const big = 'console.log("consentry")\n'.repeat(200)
  const app = new Hono()
  const bodies = new CompressedBodies()
  app.get('/big.js', (c) => sendEncoded(c, bodies, '"big"', big))
  app.get('/small.js', (c) => sendEncoded(c, bodies, '"small"', 'console.log(1)'))

  it('sends brotli or gzip as asked, with that coding’s ETag', async () => {
    const br = await app.request('/big.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('etag')).toBe('"big-br"')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(big)

    const gz = await app.request('/big.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gz.headers.get('etag')).toBe('"big-gzip"')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(big)

    const plain = await app.request('/big.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('etag')).toBe('"big"')
    expect(await plain.text()).toBe(big)
  })

  it('answers 304 only to the ETag of the coding it would send', async () => {
    const ask = (ifNoneMatch: string, acceptEncoding = 'br') =>
      app.request('/big.js', { headers: { 'accept-encoding': acceptEncoding, 'if-none-match': ifNoneMatch } })
    expect((await ask('"big-br"')).status).toBe(304)
    expect((await ask('"big"')).status).toBe(200)
    expect((await ask('"big-br"', 'gzip')).status).toBe(200)
    expect((await ask('"big-gzip"', 'gzip')).status).toBe(304)
    expect((await ask('"big"', 'identity')).status).toBe(304)
  })

  it('leaves a body under 1 KB as it is', async () => {
    const res = await app.request('/small.js', { headers: { 'accept-encoding': 'br' } })
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('etag')).toBe('"small"')
    expect(await res.text()).toBe('console.log(1)')
  })
})
