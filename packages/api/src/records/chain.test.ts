import { describe, expect, it } from 'vitest'
import { canonicalJson, canonicalObject, json, sha256Hex } from './canonical'
import { canonicalRecord, GENESIS_HASH, verifyChain, type ConsentRecord } from './chain'
import { sealRecord } from './consent-record'
import type { UnsealedConsent } from '../db/store'
import { personalDigest } from './chain'

/** The fields canonical form 1 hashes, written out from its definition: a reference independent of canonicalRecord's code. */
function formOneFields(r: ConsentRecord) {
  return {
    id: r.id,
    siteId: r.siteId,
    method: r.method,
    categories: { essential: true, functional: r.functional, analytics: r.analytics, advertising: r.advertising },
    services: JSON.parse(r.services) as unknown,
    doNotSell: r.doNotSell,
    gpc: r.gpc,
    secGpc: r.secGpc,
    policyRevision: r.policyRevision,
    configVersionId: r.configVersionId,
    configHash: r.configHash,
    locale: r.locale,
    jurisdiction: r.jurisdiction,
    bannerVersion: r.bannerVersion,
    decidedAt: r.decidedAt,
    receivedAt: r.receivedAt,
    personalDigest: r.personalDigest,
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[2,{"x":null,"z":1}]},"b":1}')
  })
})

describe('json', () => {
  it('agrees with JSON.stringify on every kind of primitive', () => {
    const values = [
      true,
      false,
      null,
      0,
      -0,
      1,
      -1,
      0.1 + 0.2,
      1e21,
      1e-7,
      -1 / 7,
      2 ** 53 + 2,
      Number.MAX_VALUE,
      NaN,
      Infinity,
      -Infinity,
      '',
      'é',
      '"',
      '\ud800',
      '\u2028',
    ]
    for (const v of values) expect(json(v)).toBe(JSON.stringify(v))
  })
})

describe('canonicalObject', () => {
  const awkward = ['', 'é', '"quoted"', 'back\\slash', 'line\nbreak', '\u0000\u001f', '\u2028', '😀', '\ud800', 'a'.repeat(300)]
  const pick = (i: number) => awkward[i % awkward.length]!

  it('gives the text canonicalJson gives, keys sorted once', () => {
    const form = canonicalObject(['b', 'a', 'B', 'aa', '_', 'é'])
    for (let i = 0; i < 50; i++) {
      const values = { b: pick(i), a: i % 3 === 0 ? null : i, B: i % 2 === 0, aa: -i / 7, _: pick(i + 3), é: pick(i * 7) }
      const encoded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, json(v)])) as Record<keyof typeof values, ReturnType<typeof json>>
      expect(form(encoded)).toBe(canonicalJson(values))
    }
  })

  it('REC-02: a record hashes as the generic canonical JSON of its fields would', () => {
    for (let i = 0; i < 40; i++) {
      const r = {
        ...sealRecord(
          { ...unsealed(i), locale: pick(i), bannerVersion: pick(i + 1), services: canonicalJson({ z: true, a: i % 2 === 0 }) },
          GENESIS_HASH,
          1_700_000_000_000 + i,
        ),
      }
      const v1 = formOneFields(r)
      const optOuts = {
        sale: r.doNotSell,
        sharing: r.optOutSharing,
        targetedAds: r.optOutTargetedAds,
        sensitiveLimit: r.limitSensitiveData,
        profiling: r.optOutProfiling,
      }
      expect(canonicalRecord(r)).toBe(canonicalJson({ ...v1, canonicalVersion: 2, optOuts, saleFree: r.saleFree }))
      expect(canonicalRecord({ ...r, canonicalVersion: 1 })).toBe(canonicalJson(v1))
      const personal = {
        visitorId: pick(i),
        externalUserId: i % 2 ? null : pick(i + 2),
        idempotencyKey: pick(i + 4),
        pageUrl: null,
        ip: pick(i + 5),
        userAgent: pick(i + 6),
        gppString: i % 3 ? null : pick(i),
      }
      expect(personalDigest(personal, pick(i + 9))).toBe(sha256Hex(canonicalJson({ salt: pick(i + 9), ...personal })))
    }
  })
})

function unsealed(n: number): UnsealedConsent {
  const personal = {
    visitorId: 'a'.repeat(32),
    externalUserId: null,
    idempotencyKey: `key_${n}_aaaaaaaaaaaa`,
    pageUrl: 'https://x.example/',
    ip: '203.0.113.0',
    userAgent: 'Chrome 120 / Linux',
    gppString: null,
  }
  return {
    id: `cns_${n}`,
    siteId: 'site_test',
    ...personal,
    externalUserVerified: false,
    serverJurisdiction: null,
    method: 'accept_all',
    functional: true,
    analytics: true,
    advertising: n % 2 === 0,
    services: '{"ga4":true}',
    doNotSell: n % 3 === 0,
    optOutSharing: n % 3 === 0,
    optOutTargetedAds: n % 3 === 0,
    limitSensitiveData: n % 5 === 0,
    optOutProfiling: false,
    saleFree: n % 4 === 0,
    canonicalVersion: 2,
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
    expect(await verifyChain(iterate(records), null)).toMatchObject({ valid: true, checked: 5, firstBroken: null })
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

describe('canonical form versions', () => {
  /** A record as kept before canonical form 2: hashed over the form-1 fields, new columns null (as the migration leaves them). */
  function formOneRecord(n: number, prevHash: string): ConsentRecord {
    const sealed = sealRecord({ ...unsealed(n), canonicalVersion: 1 }, prevHash, 1_700_000_000_000 + n)
    return { ...sealed, optOutSharing: null, optOutTargetedAds: null, limitSensitiveData: null, optOutProfiling: null, saleFree: null, seq: n + 1 }
  }

  it('a record kept before the US opt-out columns still verifies, chained to new ones', async () => {
    const old = formOneRecord(0, GENESIS_HASH)
    // Its hash is exactly the form-1 hash: computed from the old key list, independent of today's code path.
    const formOne = canonicalJson(formOneFields(old))
    expect(old.hash).toBe(sha256Hex(GENESIS_HASH + formOne))
    const next = { ...sealRecord(unsealed(1), old.hash, 1_700_000_000_001), seq: 2 }
    expect(next.canonicalVersion).toBe(2)
    async function* rows() {
      yield old
      yield next
    }
    expect(await verifyChain(rows(), null)).toMatchObject({ valid: true, checked: 2, firstBroken: null })
  })

  it('a form-2 record whose opt-outs or version were altered no longer verifies', async () => {
    const record = { ...sealRecord(unsealed(3), GENESIS_HASH, 1_700_000_000_000), seq: 1 }
    for (const altered of [
      { ...record, optOutProfiling: true },
      { ...record, saleFree: !record.saleFree },
      { ...record, canonicalVersion: 1 },
    ]) {
      async function* rows() {
        yield altered
      }
      expect((await verifyChain(rows(), null)).firstBroken?.reason).toBe('hash_mismatch')
    }
  })
})
