// A record's details, with its chain position and a receipt checked in this browser against GET /v1/keys; and a
// box to check any receipt a visitor presents.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { checkReceipt, type ReceiptVerdict } from '../receipt-check'
import type { Receipt, RecordDetail } from '../types'
import { Notice } from '../ui/fields'
import { when } from '../ui/forms'

async function publicKey(): Promise<string> {
  const res = await fetch('/v1/keys')
  const { keys } = (await res.json()) as { keys: { publicKey: string }[] }
  return keys[0]!.publicKey
}

export function RecordDetails(props: { siteId: string; recordId: string }) {
  const [detail, setDetail] = useState<RecordDetail>()
  const [verdict, setVerdict] = useState<ReceiptVerdict>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    setDetail(undefined)
    setVerdict(undefined)
    api<RecordDetail>('GET', `/v1/admin/sites/${props.siteId}/consents/${props.recordId}`).then(
      async (d) => {
        setDetail(d)
        setVerdict(await checkReceipt(d.receipt, await publicKey()))
      },
      (e: Error) => setError(e.message),
    )
  }, [props.recordId])
  if (error) return <Notice kind="error">{error}</Notice>
  if (!detail) return <p>Loading the record…</p>
  const { record, chain, receipt } = detail
  return (
    <section class="card record" aria-labelledby="record-title">
      <h3 id="record-title">
        Record <code>{record.id}</code>
      </h3>
      <dl class="facts">
        <dt>Received</dt>
        <dd>{when(record.receivedAt)}</dd>
        <dt>Decided</dt>
        <dd>{when(record.decidedAt)}</dd>
        <dt>Method</dt>
        <dd>{record.method}</dd>
        <dt>Jurisdiction</dt>
        <dd>{record.jurisdiction}</dd>
        <dt>Categories</dt>
        <dd>
          {Object.entries(record.categories)
            .map(([c, on]) => `${c}: ${on ? 'granted' : 'refused'}`)
            .join(', ')}
        </dd>
        <dt>Do Not Sell or Share</dt>
        <dd>{record.doNotSell ? 'opted out' : 'no'}</dd>
        <dt>Global Privacy Control</dt>
        <dd>{record.gpc ? 'sent' : 'not sent'}</dd>
        <dt>Visitor id</dt>
        <dd>{record.erasedAt ? `erased ${when(record.erasedAt)}` : <code>{record.visitorId ?? '—'}</code>}</dd>
        <dt>Configuration</dt>
        <dd>
          <code>{record.configVersionId}</code> (policy revision {record.policyRevision})
        </dd>
        <dt>Chain position</dt>
        <dd>
          {chain.position} of {chain.total}
          {chain.previousId ? (
            <>
              , after <code>{chain.previousId}</code>
            </>
          ) : (
            ', the first kept record'
          )}
        </dd>
        <dt>Chain link</dt>
        <dd>{chain.valid ? 'Holds: the record’s hash matches its content and links to the record before it.' : `Broken (${chain.problem}).`}</dd>
        <dt>Signature</dt>
        <dd class={verdict?.valid ? 'good' : 'bad'}>
          {!verdict ? 'Checking…' : verdict.valid ? 'Valid: the receipt is signed by this API’s key (checked in your browser).' : verdict.reason}
        </dd>
      </dl>
      <details>
        <summary>Receipt (JSON)</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable) */}
        <pre tabIndex={0}>{JSON.stringify(receipt, null, 2)}</pre>
      </details>
    </section>
  )
}

export function ReceiptChecker(props: { siteId: string }) {
  const [text, setText] = useState('')
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string }>()
  return (
    <form
      class="card"
      aria-labelledby="receipt-check-title"
      onSubmit={async (e) => {
        e.preventDefault()
        let receipt: Receipt
        try {
          receipt = JSON.parse(text) as Receipt
        } catch {
          return setResult({ kind: 'error', text: 'That is not JSON.' })
        }
        const verdict = await checkReceipt(receipt, await publicKey()).catch(() => ({ valid: false as const, reason: 'The receipt is malformed.' }))
        if (!verdict.valid) return setResult({ kind: 'error', text: verdict.reason })
        const stored = await api<RecordDetail>('GET', `/v1/admin/sites/${props.siteId}/consents/${receipt.id}`).catch(() => null)
        if (!stored)
          return setResult({
            kind: 'error',
            text: 'The signature is valid, but no record with this id is kept for this site (erased by retention, or another site).',
          })
        if (stored.record.hash !== receipt.hash)
          return setResult({ kind: 'error', text: 'The signature is valid, but the stored record’s hash differs from the receipt’s.' })
        setResult({ kind: 'ok', text: `Valid: signed by this API, and record ${receipt.id} is kept at position ${stored.chain.position} with the same hash.` })
      }}
    >
      <h3 id="receipt-check-title">Check a receipt</h3>
      <div class="field">
        <label for="receipt-json">Receipt a visitor presents (JSON)</label>
        <textarea id="receipt-json" rows={5} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="submit">Check receipt</button>
      {result && <Notice kind={result.kind}>{result.text}</Notice>}
    </form>
  )
}
