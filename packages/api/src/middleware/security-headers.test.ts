import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { describe, expect, it } from 'vitest'
import { DOCUMENT_SECURITY_HEADERS, SECURITY_HEADERS } from './security-headers'

describe('security headers', () => {
  it('documents get exactly what Hono secureHeaders() sets with our CSP, frame and resource policy', async () => {
    const probe = new Hono()
      .use(
        secureHeaders({
          crossOriginResourcePolicy: 'cross-origin',
          xFrameOptions: 'DENY',
          contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
        }),
      )
      .get('/', (c) => c.body(null, 204))
    const res = await probe.request('/')
    const expected = Object.fromEntries([...res.headers].filter(([k]) => k !== 'content-type'))
    const ours = Object.fromEntries(
      [...SECURITY_HEADERS, ...DOCUMENT_SECURITY_HEADERS].filter(([k]) => k !== 'Cache-Control').map(([k, v]) => [k.toLowerCase(), v]),
    )
    expect(ours).toEqual(expected)
  })
})
