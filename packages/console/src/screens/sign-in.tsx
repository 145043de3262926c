import { useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import { Notice, TextField } from '../ui/fields'
import type { SessionInfo } from '../types'

/** Sign in with an admin key (or arrive through a one-time link, handled by the shell). */
export function SignInScreen(props: { reason?: string | undefined; onSignedIn: (s: SessionInfo) => void }) {
  const [key, setKey] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  return (
    <section class="sign-in">
      <h1>Sign in to the Consentry console</h1>
      {props.reason && <Notice>{props.reason}</Notice>}
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(undefined)
          try {
            props.onSignedIn(await api<SessionInfo>('POST', '/v1/admin/session', { key: key.trim() }))
          } catch (err) {
            setError(err instanceof ApiFailure ? err.message : 'The API did not answer.')
          } finally {
            setBusy(false)
          }
        }}
      >
        <TextField
          label="Admin key"
          type="password"
          autoComplete="current-password"
          value={key}
          onInput={setKey}
          required
          error={error}
          hint="An admin API key (csk_…), from `consentry key create` or from a colleague's API keys screen. It is exchanged for a session cookie and not stored in this browser."
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  )
}
