import { siteParamSchema } from '@consentry/shared/schemas'
import { Hono } from 'hono'
import * as z from 'zod'
import type { AppContext, AppEnv } from '../context'
import { ApiError } from '../errors'
import { siteInScope } from '../middleware/admin-auth'
import { GENESIS_HASH, checkRecord } from '../records/chain'
import { recordView } from '../records/consent-record'
import { signBatch } from '../records/signing'
import { operation, ok } from '../openapi'
import { validate } from '../validate'

const recordParams = siteParamSchema.extend({ recordId: z.string().regex(/^cns_[A-Za-z0-9]{1,64}$/, 'must be a cns_ id') })

/**
 * `GET /v1/admin/sites/:siteId/consents/:recordId` (under `/v1/admin`): one record, where it sits in the site's chain
 * (position, the record before it, whether its own hash and its link to that record hold), and a receipt for its
 * hash signed now by the API's key (one-leaf proof), which anyone can check against `GET /v1/keys`.
 */
export function adminConsentDetailRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get(
    '/sites/:siteId/consents/:recordId',
    operation('One record, its chain position and link check, and a receipt for its hash signed now (one-leaf proof).', {
      200: ok('{ record, chain, receipt }'),
    }),
    validate('param', recordParams),
    async (c) => {
      const { siteId, recordId } = c.req.valid('param')
      const site = await siteInScope(ctx, c, siteId)
      const found = await ctx.store.findConsent(site.id, recordId)
      if (!found) throw new ApiError('not_found', 'No such record on this site.')
      const { record, previous, position } = found
      // The first surviving record links to the purge anchor (or the genesis hash when nothing was purged).
      const expectedPrev = previous?.hash ?? site.anchorHash ?? GENESIS_HASH
      const problem = checkRecord(record, expectedPrev)
      const [signed] = signBatch(ctx.signer, [record.hash])
      return c.json({
        record: recordView(record),
        chain: {
          position,
          total: await ctx.store.countConsents(site.id),
          previousId: previous?.id ?? null,
          expectedPrevHash: expectedPrev,
          valid: problem === null,
          problem,
        },
        receipt: {
          id: record.id,
          receivedAt: record.receivedAt,
          hash: record.hash,
          signature: signed!.signature,
          keyId: ctx.signer.keyId,
          proof: signed!.proof,
        },
      })
    },
  )
}
