import { zValidator } from '@hono/zod-validator'
import { consentInputSchema, visitorHistoryQuerySchema } from '@consentry/shared/schemas'
import { Hono, type Context } from 'hono'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { jsonBody } from '../middleware/json-body'
import { recordView } from '../records/consent-record'
import { signBatch } from '../records/signing'
import { invalidInput } from '../validate'
import { requestHeader } from '../middleware/request-header'
import { rateKeyOf } from '../records/client-address'
import { allowOrigin, clientMeta, consentWriter, type WriteRequest } from './consent-write'

/** `POST /v1/consents` (append, receipt) and `GET /v1/consents?visitorId=` (a visitor's own history, a page at a time). */
export function consentRoutes(ctx: AppContext) {
  const write = consentWriter(ctx)
  return new Hono<AppEnv>()
    .options('/v1/consents', async (c) => {
      const origin = requestHeader(c, 'origin')
      if (origin && (await ctx.sites.anyAllows(origin))) {
        c.header('Access-Control-Allow-Origin', origin)
        // Credentialed requests let the API set the consent cookie on the site's domain (serverCookie).
        c.header('Access-Control-Allow-Credentials', 'true')
        c.header('Access-Control-Allow-Methods', 'GET, POST')
        c.header('Access-Control-Allow-Headers', 'Content-Type')
        c.header('Access-Control-Max-Age', '600')
      }
      c.header('Vary', 'Origin')
      return c.body(null, 204)
    })
    .post('/v1/consents', jsonBody(ctx.deps.publicBodyLimit), zValidator('json', consentInputSchema, invalidInput), async (c) => {
      const { status, receipt } = await write(c.req.valid('json'), honoRequest(c))
      return c.json(receipt, status)
    })
    .get('/v1/consents', zValidator('query', visitorHistoryQuerySchema, invalidInput), async (c) => {
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
      const signed = signBatch(ctx.signer, records.map((r) => r.hash))
      return c.json({
        visitorId,
        records: records.map((r, i) => ({ ...recordView(r), receipt: { ...signed[i]!, keyId: ctx.signer.keyId } })),
        nextCursor: page.length > limit ? String(records.at(-1)!.seq) : null,
      })
    })
}

/** The routed request as the write core sees it. */
function honoRequest(c: Context<AppEnv>): WriteRequest {
  return {
    header: (name) => requestHeader(c, name),
    remoteAddress: c.env?.incoming?.socket.remoteAddress,
    setHeader: (name, value) => c.header(name, value, name === 'Set-Cookie' ? { append: true } : undefined),
  }
}
