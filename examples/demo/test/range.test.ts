import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sitePages } from '../src/pages'
import { parseByteRange } from '../src/range-requests'

const SITE = join(import.meta.dirname, '../../site')
const app = sitePages({ siteDir: SITE, spaDir: join(import.meta.dirname, '../../spa') })
const FILE = '/site/privacy.html'
const bytes = readFileSync(join(SITE, 'privacy.html'))

const get = (path: string, range: string) => app.request(path, { headers: { range } })

describe('demo static files and Range', () => {
  it('answers an invalid or unsatisfiable range with 416 and the size, as RFC 9110 says', async () => {
    for (const range of ['bytes=100-50', 'bytes=999999999-', `bytes=${bytes.length}-`, 'bytes=-0', 'bytes=-']) {
      const res = await get(FILE, range)
      expect(res.status, range).toBe(416)
      expect(res.headers.get('content-range'), range).toBe(`bytes */${bytes.length}`)
    }
  })

  it('answers a satisfiable range with 206 and exactly those bytes', async () => {
    const res = await get(FILE, 'bytes=10-19')
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(10, 20))
    const tail = await get(FILE, 'bytes=-5')
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 5))
  })

  it('ignores a header it does not understand and sends the whole file', async () => {
    const res = await get(FILE, 'items=0-5')
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0)
    expect((await get('/site/nope.html', 'bytes=100-50')).status).toBe(404)
    expect((await get('/site/%2e%2e/%2e%2e/package.json', 'bytes=0-5')).status).toBe(404)
  })
})

describe('parseByteRange', () => {
  it('clamps the end to the file and refuses a start past it', () => {
    expect(parseByteRange('bytes=5-1000', 10)).toEqual({ start: 5, end: 9 })
    expect(parseByteRange('bytes=10-', 10)).toBe('unsatisfiable')
    expect(parseByteRange('bytes=0-1,4-5', 10)).toBeNull()
  })
})
