import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { describe, expect, it } from 'vitest'
import { SECURITY_HEADERS } from './security-headers'

describe('SECURITY_HEADERS', () => {
  it('are exactly what Hono secureHeaders() sets with our CSP and resource policy', async () => {
    const probe = new Hono()
      .use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }))
      .get('/', (c) => c.body(null, 204))
    const res = await probe.request('/')
    const expected = Object.fromEntries([...res.headers].filter(([k]) => k !== 'content-type'))
    const ours = Object.fromEntries(SECURITY_HEADERS.map(([k, v]) => [k.toLowerCase(), v]))
    expect(ours).toEqual(expected)
  })
})
