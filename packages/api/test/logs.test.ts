import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { redact } from '../src/log'
import { nodeListener } from '../src/node-listener'
import {
  consentBody,
  fromShop,
  identitySecret,
  listen,
  publishedSite,
  rawQuery,
  STORES,
  testApi,
  type Listening,
  type PublishedSite,
  type TestApi,
} from './helpers'

const VISITOR = '9f'.repeat(16)
const EXTERNAL = 'jane.doe@example.org'
const CLIENT_IP = '203.0.113.77'

/** Everything the process writes to stdout and stderr (and through console) while a test runs. */
function captureOutput(): { lines(): string[]; restore(): void } {
  const chunks: string[] = []
  const grab = (chunk: unknown) => void chunks.push(String(chunk))
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (grab(chunk), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (grab(chunk), true)),
    ...(['log', 'info', 'warn', 'error'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => grab(`${args.map(String).join(' ')}\n`)),
    ),
  ]
  return {
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    restore: () => spies.forEach((s) => s.mockRestore()),
  }
}

/** Starts a JSON upload of `declared` bytes, sends a little of it, and hangs up. */
function abortedUpload(url: string, path: string, headers: Record<string, string> = {}): Promise<void> {
  const { port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const head = Object.entries({ host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': '5000', ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n{"siteId":"site_`)
      setTimeout(() => socket.destroy(), 20)
    })
    socket.on('close', () => resolve())
    socket.on('error', () => resolve())
  })
}

describe.each(STORES)('logs (%s)', (kind) => {
  let api: TestApi
  let site: PublishedSite
  let server: Listening
  beforeEach(async () => {
    api = await testApi(kind, { trustProxy: 1 })
    site = await publishedSite(api)
    server = await listen(nodeListener(api.served, { logRequests: true }))
  })
  afterEach(async () => {
    await server.close()
    await api.db.cleanup()
  })

  it('logs a client abort as one line at most, without a stack, and never as an internal error', async () => {
    const out = captureOutput()
    try {
      for (let i = 0; i < 10; i++) await abortedUpload(server.url, '/v1/consents')
      for (let i = 0; i < 10; i++)
        await abortedUpload(server.url, `/v1/admin/sites/${site.siteId}/config-versions`, { authorization: `Bearer ${api.adminKey}` })
      await new Promise((r) => setTimeout(r, 300))
    } finally {
      out.restore()
    }
    const lines = out.lines()
    expect(lines.length).toBeLessThanOrEqual(20)
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>
      expect(entry.level).not.toBe('error')
      expect(entry.event).toBe('client_aborted')
      expect(line).not.toMatch(/\bat |stack/)
    }
  })

  it('writes JSON lines with request id, route, status and duration, free of visitor ids, addresses and user ids', async () => {
    const out = captureOutput()
    try {
      const body = consentBody(site, { visitorId: VISITOR, externalUserId: EXTERNAL, externalUserProof: (await identitySecret(api, site))(EXTERNAL) })
      const post = await fetch(`${server.url}/v1/consents`, fromShop(body, { 'x-forwarded-for': `198.51.100.1, ${CLIENT_IP}`, 'x-request-id': 'req-123' }))
      expect(post.status).toBe(201)
      expect((await fetch(`${server.url}/v1/consents?visitorId=${VISITOR}&siteId=${site.siteId}`, { headers: { 'x-forwarded-for': CLIENT_IP } })).status).toBe(
        200,
      )
      // An internal error while handling a request full of personal data.
      await rawQuery(kind, api.db.location, 'alter table consents rename to consents_gone')
      const failed = await fetch(`${server.url}/v1/consents?visitorId=${VISITOR}&externalUserId=${EXTERNAL}`, { headers: { 'x-forwarded-for': CLIENT_IP } })
      expect(failed.status).toBe(500)
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      out.restore()
    }
    const lines = out.lines()
    const entries = lines.map((l) => JSON.parse(l) as Record<string, any>)
    const requests = entries.filter((e) => e.event === 'request')
    expect(requests.length).toBe(3)
    expect(requests[0]).toMatchObject({ requestId: 'req-123', method: 'POST', route: '/v1/consents', status: 201 })
    for (const e of requests) expect(typeof e.durationMs).toBe('number')
    const failure = entries.find((e) => e.event === 'internal_error')
    expect(failure).toMatchObject({ level: 'error', route: '/v1/consents', status: 500 })
    expect(failure!.error.stack).toBeTruthy()
    const text = lines.join('\n')
    for (const secret of [VISITOR, EXTERNAL, CLIENT_IP, '198.51.100.1', '203.0.113.0']) expect(text).not.toContain(secret)
  })
})

describe('redact', () => {
  it('removes visitor ids, e-mails, addresses, query values and database key values', () => {
    const text = redact(
      `GET /v1/consents?visitorId=${VISITOR}&x=1 from ${CLIENT_IP} 2001:db8::1 ${EXTERNAL} Key (site_id, idempotency_key)=(site_a, idem_secret) exists`,
    )
    for (const secret of [VISITOR, CLIENT_IP, '2001:db8::1', EXTERNAL, 'idem_secret']) expect(text).not.toContain(secret)
  })
})
