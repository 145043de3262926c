import type { IncomingMessage, ServerResponse } from 'node:http'
import { consentInputSchema } from '@consentry/shared/schemas'
import type { AppContext } from '../context'
import { invalidBody, toApiError } from '../errors'
import { errorFields, isClientAbort, logLine } from '../log'
import { JSON_TYPE, readBody, tooLarge } from '../middleware/json-body'
import { incomingHeader } from '../middleware/request-header'
import { SECURITY_HEADERS } from '../middleware/security-headers'
import { receiptJson } from '../records/receipt-json'
import { invalidInput } from '../validate'
import { consentWriter } from './consent-write'

/** Hono's validator message for a body that is not JSON, kept so both paths answer alike. */
const MALFORMED_JSON = 'Malformed JSON in request body'

/** Answers one request on the Node listener; false leaves it to the routed app, untouched. */
export type FastConsentWrite = (req: IncomingMessage, res: ServerResponse) => boolean

/**
 * `POST /v1/consents` in front of Hono's router: the same write core, body limit, validation and errors as the
 * route, without the WHATWG Request/Response/Headers objects and the middleware chain around them. On the write
 * path, those cost a large share of the request thread's CPU (figures in docs/benchmarks.md). Tests send the same
 * requests through both paths and compare what comes back on the wire.
 */
export function fastConsentWrite(ctx: AppContext): FastConsentWrite {
  const write = consentWriter(ctx)
  const limit = ctx.deps.publicBodyLimit
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/consents') return false
    const type = (incomingHeader(req, 'content-type') ?? '').split(';')[0]!.trim()
    if (!JSON_TYPE.test(type)) return false
    const headers: (readonly [string, string])[] = [...SECURITY_HEADERS]
    const setHeader = (name: string, value: string) => void headers.push([name, value])
    const send = (status: number, text: string) => {
      headers.push(['Content-Type', 'application/json'], ['Content-Length', String(Buffer.byteLength(text))])
      res.writeHead(status, headers.flat())
      res.end(text)
    }
    const startedAt = performance.now()
    const fail = (error: unknown) => {
      const e = toApiError(error, { requestId: incomingHeader(req, 'x-request-id'), method: 'POST', route: '/v1/consents', startedAt })
      for (const [k, v] of Object.entries(e.headers ?? {})) setHeader(k, v)
      send(e.status, JSON.stringify(e.toBody()))
    }
    if (Number(incomingHeader(req, 'content-length')) > limit) {
      // Drain what the client sends so the connection stays usable, as the routed path does.
      req.resume()
      fail(tooLarge(limit))
      return true
    }
    readBody(req, limit)
      .then((text) => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          throw invalidBody(MALFORMED_JSON)
        }
        const parsed = consentInputSchema.safeParse(json)
        invalidInput(parsed)
        return write(parsed.data!, { header: (name) => incomingHeader(req, name), remoteAddress: req.socket.remoteAddress, setHeader })
      })
      .then(({ status, receipt }) => send(status, receiptJson(receipt)), fail)
      .catch((error: unknown) => {
        // Writing the answer itself failed (the socket is gone): nothing left to tell the client.
        if (!isClientAbort(error)) logLine('error', 'response_failed', { method: 'POST', route: '/v1/consents', startedAt }, errorFields(error))
        res.destroy()
      })
    return true
  }
}
