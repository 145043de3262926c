// Statistics over a period: decisions per day, grant rate per category, opt-out and GPC rate, by jurisdiction and
// method. The API computes them in SQL; charts are plain SVG, each with its numbers in a table beside it.
import { useEffect, useState } from 'preact/hooks'
import { api, queryString } from '../api'
import type { Site, StatsRow } from '../types'
import { Notice, SelectField, TextField } from '../ui/fields'
import { BarChart, RateBars } from '../ui/charts'

const PERIODS = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['365', 'Last 12 months'],
  ['custom', 'Dates…'],
] as const
type Period = (typeof PERIODS)[number][0]

interface Totals {
  decisions: number
  functional: number
  analytics: number
  advertising: number
  optOut: number
  gpc: number
}

function total(rows: StatsRow[]): Totals {
  const t: Totals = { decisions: 0, functional: 0, analytics: 0, advertising: 0, optOut: 0, gpc: 0 }
  for (const r of rows) {
    t.decisions += r.decisions
    t.functional += r.grantRate.functional * r.decisions
    t.analytics += r.grantRate.analytics * r.decisions
    t.advertising += r.grantRate.advertising * r.decisions
    t.optOut += r.optOutRate * r.decisions
    t.gpc += r.gpcRate * r.decisions
  }
  return t
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`)

export function StatisticsTab(props: { site: Site }) {
  const [period, setPeriod] = useState<Period>('30')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [rows, setRows] = useState<StatsRow[]>()
  const [error, setError] = useState<string>()
  const [jurisdiction, setJurisdiction] = useState('')
  const [method, setMethod] = useState('')
  useEffect(() => {
    // Custom dates are whole UTC days, the end day included; presets end now.
    const range =
      period === 'custom'
        ? { from: from ? Date.parse(`${from}T00:00:00Z`) : undefined, to: to ? Date.parse(`${to}T00:00:00Z`) + 86_400_000 : undefined }
        : { from: Date.now() - Number(period) * 86_400_000, to: Date.now() + 60_000 }
    if (period === 'custom' && (range.from === undefined || range.to === undefined || Number.isNaN(range.from) || Number.isNaN(range.to))) return
    setError(undefined)
    api<{ rows: StatsRow[] }>('GET', `/v1/admin/sites/${props.site.id}/stats${queryString(range)}`).then(
      (r) => setRows(r.rows),
      (e: Error) => setError(e.message),
    )
  }, [period, from, to])
  if (!rows && !error) return <p>Loading statistics…</p>
  const all = rows ?? []
  const jurisdictions = [...new Set(all.map((r) => r.jurisdiction))].sort()
  const methods = [...new Set(all.map((r) => r.method))].sort()
  const shown = all.filter((r) => (!jurisdiction || r.jurisdiction === jurisdiction) && (!method || r.method === method))
  const days = new Map<string, number>()
  for (const r of shown) days.set(r.day, (days.get(r.day) ?? 0) + r.decisions)
  const t = total(shown)
  const groups = new Map<string, StatsRow[]>()
  for (const r of shown) groups.set(`${r.jurisdiction}\u0000${r.method}`, [...(groups.get(`${r.jurisdiction}\u0000${r.method}`) ?? []), r])
  return (
    <div class="stats">
      <div class="grid filters">
        <SelectField label="Period" value={period} options={PERIODS} onChange={setPeriod} />
        {period === 'custom' && <TextField label="From (date)" type="date" value={from} onInput={setFrom} />}
        {period === 'custom' && <TextField label="To (date)" type="date" value={to} onInput={setTo} />}
        <SelectField
          label="Jurisdiction"
          value={jurisdiction}
          options={[['', 'All'] as const, ...jurisdictions.map((j) => [j, j] as const)]}
          onChange={setJurisdiction}
        />
        <SelectField label="Method" value={method} options={[['', 'All'] as const, ...methods.map((m) => [m, m] as const)]} onChange={setMethod} />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <p>
        <strong>{t.decisions}</strong> decisions in the period.
      </p>
      <section aria-labelledby="per-day">
        <h3 id="per-day">Decisions per day</h3>
        <BarChart label="Decisions per day" points={[...days].sort(([a], [b]) => a.localeCompare(b))} />
        <details>
          <summary>Decisions per day as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Decisions</th>
              </tr>
            </thead>
            <tbody>
              {[...days]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([d, n]) => (
                  <tr key={d}>
                    <td>{d}</td>
                    <td>{n}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </section>
      <section aria-labelledby="rates">
        <h3 id="rates">Grant, opt-out and GPC rates</h3>
        <RateBars
          label="Rates over the period"
          rates={[
            ['Functional granted', t.decisions ? t.functional / t.decisions : 0],
            ['Analytics granted', t.decisions ? t.analytics / t.decisions : 0],
            ['Advertising granted', t.decisions ? t.advertising / t.decisions : 0],
            ['Opted out of sale/share', t.decisions ? t.optOut / t.decisions : 0],
            ['Sent GPC', t.decisions ? t.gpc / t.decisions : 0],
          ]}
        />
      </section>
      <section aria-labelledby="by-jurisdiction">
        <h3 id="by-jurisdiction">By jurisdiction and method</h3>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Method</th>
                <th scope="col">Decisions</th>
                <th scope="col">Functional</th>
                <th scope="col">Analytics</th>
                <th scope="col">Advertising</th>
                <th scope="col">Opt-out</th>
                <th scope="col">GPC</th>
              </tr>
            </thead>
            <tbody>
              {[...groups].map(([k, g]) => {
                const s = total(g)
                return (
                  <tr key={k}>
                    <td>{g[0]!.jurisdiction}</td>
                    <td>{g[0]!.method}</td>
                    <td>{s.decisions}</td>
                    <td>{pct(s.functional, s.decisions)}</td>
                    <td>{pct(s.analytics, s.decisions)}</td>
                    <td>{pct(s.advertising, s.decisions)}</td>
                    <td>{pct(s.optOut, s.decisions)}</td>
                    <td>{pct(s.gpc, s.decisions)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
