// The console shell: sign-in, then a header with navigation, the theme and sign-out, and the current screen.
import { useEffect, useState } from 'preact/hooks'
import { CONSOLE_SIGNED_IN_COOKIE } from '@consentry/shared'
import { api, ApiFailure, onSignedOut, setCsrfToken } from './api'
import { href, useRoute } from './router'
import { KeysScreen } from './screens/keys'
import { SignInScreen } from './screens/sign-in'
import { SiteScreen } from './screens/site'
import { SitesScreen } from './screens/sites'
import { useTheme, type ThemeChoice } from './theme'
import type { SessionInfo } from './types'

type SessionState = { status: 'loading' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; session: SessionInfo }

/** Whether the API said this browser signed in (its readable flag beside the HttpOnly session cookie). */
const flaggedSignedIn = () => document.cookie.split('; ').includes(`${CONSOLE_SIGNED_IN_COOKIE}=1`)
/** Drops that flag once the session turned out to be over, so the next visit does not ask again. */
const forgetSignedIn = () => void (document.cookie = `${CONSOLE_SIGNED_IN_COOKIE}=; max-age=0; path=/`)

export function App() {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [theme, setTheme] = useTheme()
  const route = useRoute()

  const signedIn = (session: SessionInfo) => {
    setCsrfToken(session.csrfToken)
    setState({ status: 'signed-in', session })
  }

  useEffect(() => {
    const off = onSignedOut(() => {
      forgetSignedIn()
      setState({ status: 'signed-out', reason: 'Your session has ended. Sign in again.' })
    })
    const link = /^#signin=([A-Za-z0-9_-]+)$/.exec(location.hash)
    // Never signed in here (or signed out): the sign-in screen at once, without a request the API would refuse.
    if (!link && !flaggedSignedIn()) {
      setState({ status: 'signed-out' })
      return off
    }
    const first = link
      ? api<SessionInfo>('POST', '/v1/admin/session', { token: link[1] }).finally(() => history.replaceState(null, '', `${location.pathname}${href.sites()}`))
      : api<SessionInfo>('GET', '/v1/admin/session')
    first.then(signedIn, (e: unknown) => {
      if (!link) forgetSignedIn()
      setState({ status: 'signed-out', ...(link && e instanceof ApiFailure ? { reason: `The sign-in link did not work: ${e.message}` } : {}) })
    })
    return off
  }, [])

  useEffect(() => {
    document.title = state.status === 'signed-in' ? 'Consentry console' : 'Sign in · Consentry console'
  }, [state.status])

  if (state.status === 'loading') return <p class="loading">Loading the console…</p>
  if (state.status === 'signed-out') {
    return (
      <Shell theme={theme} setTheme={setTheme}>
        <SignInScreen reason={state.reason} onSignedIn={signedIn} />
      </Shell>
    )
  }
  const { session } = state
  const signOut = async () => {
    await api('DELETE', '/v1/admin/session').catch(() => undefined)
    setState({ status: 'signed-out', reason: 'You have signed out.' })
  }
  return (
    <Shell theme={theme} setTheme={setTheme} session={session} onSignOut={signOut} current={route.name}>
      {route.name === 'sites' && <SitesScreen session={session} />}
      {route.name === 'site' && <SiteScreen key={route.siteId} siteId={route.siteId} tab={route.tab} session={session} />}
      {route.name === 'keys' && <KeysScreen session={session} />}
    </Shell>
  )
}

function Shell(props: {
  theme: ThemeChoice
  setTheme: (t: ThemeChoice) => void
  session?: SessionInfo
  onSignOut?: () => void
  current?: string
  children: preact.ComponentChildren
}) {
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link; the hash holds the route, so it moves focus itself */}
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          // The hash holds the route: move focus without navigating.
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Consentry</span>
        {props.session && (
          <nav aria-label="Console">
            <a href={href.sites()} aria-current={props.current === 'sites' || props.current === 'site' ? 'page' : undefined}>
              Sites
            </a>
            <a href={href.keys()} aria-current={props.current === 'keys' ? 'page' : undefined}>
              API keys
            </a>
          </nav>
        )}
        <div class="top-tools">
          <div class="theme-pick">
            <label for="console-theme">Theme</label>
            <select id="console-theme" value={props.theme} onChange={(e) => props.setTheme(e.currentTarget.value as ThemeChoice)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </div>
          {props.session && (
            <button type="button" class="secondary" onClick={props.onSignOut}>
              Sign out <span class="visually-hidden">({props.session.label})</span>
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  )
}
