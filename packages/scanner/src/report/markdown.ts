import type { Finding, ScanResult } from './result-schema'

const TITLES: Record<Finding['kind'], string> = {
  before_consent: 'Set or sent before any consent choice',
  after_reject: 'Set or sent after Reject all',
  essential_but_tracking: 'Declared essential, known as tracking',
  undeclared: 'Not in the declaration',
  declared_not_seen: 'Declared but never seen',
}

const cell = (text: string | null | undefined) => (text ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ')
const lifetime = (expires: number | null, at: number) => (expires === null ? 'session' : `${Math.max(0, Math.round((expires - at) / 86_400_000))} d`)

/** The scan as a Markdown report: summary, findings by kind, cookies, storage, third-party requests, changes. */
export function renderMarkdown(r: ScanResult): string {
  const out: string[] = []
  out.push(`# Cookie scan of ${r.url}`, '')
  out.push(
    `Scanned ${r.pages.length} page(s) in ${r.passes.length} pass(es) (${r.passes.join(', ')}) in ${((r.finishedAt - r.startedAt) / 1000).toFixed(1)} s` +
      `${r.options.country ? `, as a visitor from ${r.options.country}${r.options.region ? `-${r.options.region}` : ''}` : ''}${r.options.gpc ? ', with GPC' : ''}. ` +
      (r.consentry.detected ? `Consentry found (site ${r.consentry.siteId ?? 'unknown'}).` : 'No Consentry banner found: only the "before" pass ran.'),
    '',
  )
  out.push(
    `**${r.findings.length} finding(s)**, ${r.cookies.length} cookie(s), ${r.storage.length} storage key(s), ${r.requests.length} third-party host(s).`,
    '',
  )
  for (const kind of Object.keys(TITLES) as Finding['kind'][]) {
    const list = r.findings.filter((f) => f.kind === kind)
    if (!list.length) continue
    out.push(`## ${TITLES[kind]} (${list.length})`, '', '| Item | Category | Page | Responsible | Initiator |', '|---|---|---|---|---|')
    for (const f of list)
      out.push(
        `| ${cell(`${f.subject.type} ${f.subject.name}`)} | ${cell(f.category ?? 'unclassified')} | ${cell(f.page)} | ${cell(f.responsible?.url)} | ${cell(f.responsible?.initiator)} |`,
      )
    out.push('')
  }
  out.push(
    '## Cookies',
    '',
    '| Name | Domain | Party | Lifetime | HttpOnly | Secure | SameSite | Passes | Category | Known as | Set by |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  )
  for (const c of r.cookies) {
    const setter = c.setBy[0]
    out.push(
      `| ${cell(c.name)} | ${cell(c.domain)} | ${c.party} | ${lifetime(c.expires, r.finishedAt)} | ${c.httpOnly ? 'yes' : 'no'} | ${c.secure ? 'yes' : 'no'} | ${c.sameSite} | ${c.passes.join(', ')} | ${c.classification.category ?? 'unclassified'} | ${cell(c.classification.known?.serviceName)} | ${cell(setter ? `${setter.via} ${setter.url ?? ''}` : null)} |`,
    )
  }
  out.push('', '## Storage', '', '| Kind | Name | Origin | Passes | Category | Known as |', '|---|---|---|---|---|---|')
  for (const s of r.storage)
    out.push(
      `| ${s.kind} | ${cell(s.name)} | ${cell(s.origin)} | ${s.passes.join(', ')} | ${s.classification.category ?? 'unclassified'} | ${cell(s.classification.known?.serviceName)} |`,
    )
  out.push('', '## Third-party requests', '', '| Host | Requests | Passes | Category | Known as | First URL | Initiator |', '|---|---|---|---|---|---|---|')
  for (const q of r.requests)
    out.push(
      `| ${cell(q.host)} | ${q.count} | ${q.passes.join(', ')} | ${q.classification.category ?? 'unclassified'} | ${cell(q.classification.known?.serviceName)} | ${cell(q.samples[0]?.url)} | ${cell(q.samples[0]?.initiator)} |`,
    )
  out.push('', '## Proposed declaration', '')
  if (r.proposed.added.length)
    for (const a of r.proposed.added)
      out.push(`- add ${a.kind} \`${a.item}\` to service \`${a.serviceId}\` (from ${a.source === 'catalogue' ? 'our catalogue' : 'the Open Cookie Database'})`)
  else out.push('- nothing to add')
  for (const u of r.proposed.unclassified)
    out.push(`- **unclassified**: ${u.kind} \`${u.name}\`${u.domain ? ` (${u.domain})` : ''}, first seen on ${u.firstSeenOn}: describe it yourself`)
  if (r.changes) {
    out.push('', '## Changes since the previous scan', '')
    out.push(
      `- added: ${r.changes.added.join(', ') || 'none'}`,
      `- removed: ${r.changes.removed.join(', ') || 'none'}`,
      `- new findings: ${r.changes.newFindings.join(', ') || 'none'}`,
    )
  }
  out.push('')
  return out.join('\n')
}
