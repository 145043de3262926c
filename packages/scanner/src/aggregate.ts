import type { Classifier, Match } from './classify/classify'
import type { RawVisit } from './crawl/visit'
import { partyOf } from './crawl/party'
import { PASSES, type ObservedCookie, type ObservedStorage, type Pass, type Setter, type ThirdPartyRequest } from './report/result-schema'

const MAX_SETTERS = 6
const byPass = (a: RawVisit, b: RawVisit) => PASSES.indexOf(a.pass) - PASSES.indexOf(b.pass)
const addPass = (passes: Pass[], pass: Pass) => {
  if (!passes.includes(pass)) passes.push(pass)
}
const cookieNameOf = (written: string) => written.split(';', 1)[0]!.split('=', 1)[0]!.trim()

function addSetter<T extends { pass: Pass; url: string | null }>(list: T[], setter: T, same: (a: T, b: T) => boolean) {
  if (list.length < MAX_SETTERS && !list.some((s) => same(s, setter))) list.push(setter)
}

export interface Aggregated {
  cookies: ObservedCookie[]
  storage: ObservedStorage[]
  requests: ThirdPartyRequest[]
}

/**
 * Folds the raw visits of every pass into one list each of cookies, storage keys and third-party requests,
 * with who set or started them, and classifies each. `platformOrigin` is where the site's Consentry script
 * came from: requests there are the consent platform's own.
 */
export function aggregate(
  visits: readonly RawVisit[],
  siteUrl: string,
  classifier: Classifier,
  platform: { origin: string | null; match: Match | null },
): Aggregated {
  const host = new URL(siteUrl).hostname
  const cookies = new Map<string, ObservedCookie>()
  const storage = new Map<string, ObservedStorage>()
  const requests = new Map<string, ThirdPartyRequest>()
  const ordered = [...visits].sort(byPass)

  for (const v of ordered) {
    for (const c of v.jar) {
      const key = `${c.name}|${c.domain}|${c.path}`
      let o = cookies.get(key)
      if (!o) {
        o = {
          name: c.name,
          domain: c.domain,
          path: c.path,
          expires: c.expires > 0 ? Math.round(c.expires * 1000) : null,
          httpOnly: c.httpOnly,
          secure: c.secure,
          sameSite: c.sameSite,
          party: partyOf(c.domain, host),
          passes: [],
          firstSeenOn: v.page,
          setBy: [],
          classification: classifier.storage({ kind: 'cookie', name: c.name, domain: c.domain }),
        }
        cookies.set(key, o)
      }
      addPass(o.passes, v.pass)
    }
    for (const s of v.storage) {
      const key = `${s.kind}|${s.name}|${s.origin}`
      let o = storage.get(key)
      if (!o) {
        o = {
          kind: s.kind,
          name: s.name,
          origin: s.origin,
          party: partyOf(new URL(s.origin).hostname, host),
          passes: [],
          firstSeenOn: v.page,
          setBy: [],
          classification: classifier.storage({ kind: s.kind, name: s.name }),
        }
        storage.set(key, o)
      }
      addPass(o.passes, v.pass)
    }
    for (const r of v.requests) {
      let url: URL
      try {
        url = new URL(r.url)
      } catch {
        continue
      }
      if (!/^https?:$/.test(url.protocol) || partyOf(url.hostname, host) === 'first') continue
      let o = requests.get(url.host)
      if (!o) {
        const own = platform.origin !== null && url.origin === platform.origin && platform.match
        o = {
          host: url.host,
          samples: [],
          count: 0,
          passes: [],
          classification: own ? { declared: null, known: platform.match, category: 'essential' } : classifier.request(r.url),
        }
        requests.set(url.host, o)
      }
      o.count++
      addPass(o.passes, v.pass)
      if (!o.samples.some((s) => s.pass === v.pass))
        o.samples.push({ pass: v.pass, url: r.url, initiator: r.initiator, page: v.page, resourceType: r.resourceType })
    }
  }

  // Who set what: Set-Cookie headers and script writes, attached to every cookie or key of that name.
  for (const v of ordered) {
    for (const s of v.setCookies) {
      const setter: Setter = { pass: v.pass, via: 'set-cookie', url: s.url, initiator: s.initiator, page: v.page }
      for (const c of cookies.values()) if (c.name === s.name) addSetter(c.setBy, setter, (a, b) => a.pass === b.pass && a.via === b.via && a.url === b.url)
    }
    for (const w of v.writes) {
      if (w.kind === 'document.cookie' || w.kind === 'cookie-store') {
        const name = cookieNameOf(w.value)
        // The script's own initiator: what loaded it (the page's parser, or a loader script such as a tag manager).
        const initiator = v.requests.find((r) => r.url === w.script)?.initiator ?? null
        const setter: Setter = { pass: v.pass, via: w.kind, url: w.script, initiator, page: w.page }
        for (const c of cookies.values()) if (c.name === name) addSetter(c.setBy, setter, (a, b) => a.pass === b.pass && a.via === b.via && a.url === b.url)
      } else {
        const setter = { pass: v.pass, url: w.script, initiator: v.requests.find((r) => r.url === w.script)?.initiator ?? null, page: w.page }
        for (const s of storage.values())
          if (s.kind === w.kind && s.name === w.value) addSetter(s.setBy, setter, (a, b) => a.pass === b.pass && a.url === b.url)
      }
    }
  }
  const sort = <T extends { name?: string; host?: string }>(xs: T[]) => xs.sort((a, b) => (a.name ?? a.host ?? '').localeCompare(b.name ?? b.host ?? ''))
  return { cookies: sort([...cookies.values()]), storage: sort([...storage.values()]), requests: sort([...requests.values()]) }
}
