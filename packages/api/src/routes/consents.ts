import { consentInputSchema, consentReceiptSchema, visitorHistoryQuerySchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ok, operation } from '../openapi'
import { ApiError } from '../errors'
import { consentPreflightHeaders } from '../middleware/cors'
import { jsonBody } from '../middleware/json-body'
import { recordView } from '../records/consent-record'
import { signBatch } from '../records/signing'
import { validate } from '../validate'
import { requestHeader } from '../middleware/request-header'
import { rateKeyOf } from '../records/client-address'
import { allowOrigin, clientMeta, consentWriter, type WriteRequest } from './consent-write'

/** `POST /v1/consents` (append, receipt) and `GET /v1/consents?visitorId=` (a visitor's own history, a page at a time). */
export function consentRoutes(ctx: AppContext) {
  const write = consentWriter(ctx)
  return new Hono<AppEnv>()
    .options('/v1/consents', operation('CORS preflight: allowed when any site lists the origin.', { 204: ok('Preflight answer') }), async (c) => {
      const origin = requestHeader(c, 'origin')
      if (origin && (await ctx.sites.anyAllows(origin))) for (const [name, value] of consentPreflightHeaders(origin)) c.header(name, value)
      c.header('Vary', 'Origin')
      return c.body(null, 204)
    })
    .post(
      '/v1/consents',
      operation(
        'Append a consent record; returns a signed receipt (201, or 200 when the idempotency key was seen). Sec-GPC is recorded (only exactly "1" counts).',
        {
          201: ok('Receipt', consentReceiptSchema),
          200: ok('Receipt of the earlier delivery', consentReceiptSchema),
          413: ok('Body too large'),
          429: ok('Rate limited (Retry-After)'),
        },
      ),
      jsonBody(ctx.deps.publicBodyLimit),
      validate('json', consentInputSchema),
      async (c) => {
        const { status, receipt } = await write(c.req.valid('json'), honoRequest(c))
        return c.json(receipt, status)
      },
    )
    .get(
      '/v1/consents',
      operation(
        'A visitor’s own consent history, a page at a time (the visitor id is the secret in the consent cookie); a page is signed once, each record carries its inclusion proof.',
        {
          200: ok('Records and nextCursor'),
          429: ok('Rate limited (Retry-After)'),
        },
      ),
      validate('query', visitorHistoryQuerySchema),
      async (c) => {
        const { visitorId, siteId, cursor, limit } = c.req.valid('query')
        if (requestHeader(c, 'origin')) {
          // A page may read a history only for a site that allows it.
          if (!siteId) throw new ApiError('invalid_input', undefined, [{ path: 'siteId', message: 'is required for cross-origin requests' }])
          const site = await ctx.sites.get(siteId)
          if (!site) throw new ApiError('site_not_found')
          allowOrigin(honoRequest(c), site.allowedOrigins)
        }
        if (ctx.limiter) {
          // Reads cost more than writes (a page is read and signed): one bucket per client for every site.
          const wait = ctx.limiter.take(`${rateKeyOf(clientMeta(honoRequest(c), ctx.clientAddress).ip)}|history`)
          if (wait > 0) throw new ApiError('rate_limited', undefined, undefined, { 'Retry-After': String(wait) })
        }
        const page = await ctx.store.visitorHistory(visitorId, siteId, cursor ? Number(cursor) : 0, limit + 1)
        const records = page.slice(0, limit)
        // The page is signed once, as a write batch is: one signature over the Merkle root of its hashes, and each
        // record's inclusion proof, so every record still verifies on its own against GET /v1/keys.
        const signed = signBatch(
          ctx.signer,
          records.map((r) => r.hash),
        )
        return c.json({
          visitorId,
          records: records.map((r, i) => ({ ...recordView(r), receipt: { ...signed[i]!, keyId: ctx.signer.keyId } })),
          nextCursor: page.length > limit ? String(records.at(-1)!.seq) : null,
        })
      },
    )
}

/** The routed request as the write core sees it. */
function honoRequest(c: Context<AppEnv>): WriteRequest {
  return {
    header: (name) => requestHeader(c, name),
    remoteAddress: c.env?.incoming?.socket.remoteAddress,
    setHeader: (name, value) => c.header(name, value, name === 'Set-Cookie' ? { append: true } : undefined),
  }
}
