// Two small SVG charts. A library (Chart.js, uPlot) would add 40–200 KB and draw on a canvas that screen readers
// cannot read; these are a few dozen lines, scale with the page, and every number is also in a table.

export function BarChart(props: { label: string; points: [string, number][] }) {
  const { points } = props
  if (points.length === 0) return <p class="hint">No decisions in this period.</p>
  const max = Math.max(...points.map(([, n]) => n), 1)
  const w = 600
  const h = 160
  const bar = w / points.length
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h + 20}`} role="img" aria-label={`${props.label}: ${points.map(([d, n]) => `${d} ${n}`).join(', ')}`}>
      {points.map(([day, n], i) => {
        const bh = (n / max) * h
        return (
          <g key={day}>
            <rect x={i * bar + bar * 0.1} y={h - bh} width={bar * 0.8} height={bh} class="bar">
              <title>{`${day}: ${n}`}</title>
            </rect>
            {points.length <= 14 && (
              <text x={i * bar + bar / 2} y={h + 14} text-anchor="middle" class="axis">
                {day.slice(5)}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}

export function RateBars(props: { label: string; rates: [string, number][] }) {
  return (
    <table class="rates">
      <caption class="visually-hidden">{props.label}</caption>
      <tbody>
        {props.rates.map(([name, rate]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <span class="rate-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(rate * 100)}%` }} />
              </span>
              {Math.round(rate * 1000) / 10}%
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
