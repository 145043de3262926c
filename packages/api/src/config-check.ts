import { siteConfigIssues, siteConfigSchema, type FieldIssue, type SiteConfig } from '@consentry/shared/schemas'
import type { HonoRequest } from 'hono'
import { ApiError } from './errors'
import { canonicalJson, sha256Hex } from './records/canonical'

/** A configuration judged for one site: ready to publish (its canonical JSON and hash), or the issues refusing it. */
export type ConfigCheck = { valid: true; config: SiteConfig; canonical: string; hash: string } | { valid: false; issues: FieldIssue[] }

/**
 * Reads a request's configuration body and judges it for `siteId` as publishing does: the schema (every default
 * applied; unknown fields named with the one probably meant, removed ones with their replacement), then the site it
 * must name. Body that is not JSON is a 400, as there is nothing to judge. Publishing and the config check share it,
 * so a draft the check passes is one publishing stores.
 */
export async function checkConfigBody(req: HonoRequest, siteId: string): Promise<ConfigCheck> {
  const body: unknown = await req.json().catch(() => {
    throw new ApiError('invalid_input', 'The body is not valid JSON.', [{ path: '(root)', message: 'must be a JSON object' }])
  })
  const parsed = siteConfigSchema.safeParse(body)
  if (!parsed.success) return { valid: false, issues: siteConfigIssues(parsed.error) }
  if (parsed.data.siteId !== siteId) return { valid: false, issues: [{ path: 'siteId', message: `must be ${siteId}` }] }
  // Canonical JSON, so the hash is reproducible from what is served.
  const canonical = canonicalJson(parsed.data)
  return { valid: true, config: parsed.data, canonical, hash: sha256Hex(canonical) }
}
