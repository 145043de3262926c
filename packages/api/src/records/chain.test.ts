import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical'
import { GENESIS_HASH, verifyChain, type ConsentRecord } from './chain'
import { sealRecord } from './consent-record'
import type { UnsealedConsent } from '../db/store'
import { personalDigest } from './chain'

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[2,{"x":null,"z":1}]},"b":1}')
  })
})

function unsealed(n: number): UnsealedConsent {
  const personal = { visitorId: 'a'.repeat(32), externalUserId: null, idempotencyKey: `key_${n}_aaaaaaaaaaaa`, pageUrl: 'https://x.example/', ip: '203.0.113.0', userAgent: 'Chrome 120 / Linux', gppString: null }
  return {
    id: `cns_${n}`,
    siteId: 'site_test',
    ...personal,
    method: 'accept_all',
    functional: true,
    analytics: true,
    advertising: n % 2 === 0,
    services: '{"ga4":true}',
    doNotSell: false,
    gpc: false,
    secGpc: false,
    policyRevision: 1,
    configVersionId: 'cfg_x',
    configHash: 'f'.repeat(64),
    locale: 'en',
    jurisdiction: 'DE',
    bannerVersion: '1.0.0',
    decidedAt: 1_700_000_000_000,
    salt: `salt${n}`,
    personalDigest: personalDigest(personal, `salt${n}`),
  }
}

function chain(length: number): ConsentRecord[] {
  const out: ConsentRecord[] = []
  let prev = GENESIS_HASH
  for (let i = 0; i < length; i++) {
    const r = { ...sealRecord(unsealed(i), prev, 1_700_000_000_000 + i), seq: i + 1 }
    out.push(r)
    prev = r.hash
  }
  return out
}

async function* iterate(records: ConsentRecord[]) {
  yield* records
}

describe('verifyChain', () => {
  it('accepts an intact chain and names the first record that changed', async () => {
    const records = chain(5)
    expect(await verifyChain(iterate(records), null)).toEqual({ valid: true, checked: 5, firstBroken: null })
    records[3] = { ...records[3]!, advertising: !records[3]!.advertising }
    expect(await verifyChain(iterate(records), null)).toMatchObject({ valid: false, firstBroken: { id: 'cns_3', reason: 'hash_mismatch' } })
  })

  it('verifies a tombstone by its digest, and a chain that starts at a purge anchor', async () => {
    const records = chain(4)
    records[1] = { ...records[1]!, visitorId: null, idempotencyKey: null, pageUrl: null, ip: null, userAgent: null, salt: null, erasedAt: 1 }
    expect((await verifyChain(iterate(records), null)).valid).toBe(true)
    expect((await verifyChain(iterate(records.slice(2)), records[1]!.hash)).valid).toBe(true)
    expect(await verifyChain(iterate(records.slice(2)), null)).toMatchObject({ valid: false, firstBroken: { id: 'cns_2', reason: 'prev_hash_mismatch' } })
  })
})
