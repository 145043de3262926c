// A single-page app using Consentry as an ES module: no script tag, the app owns the instance. The app renders at
// once; only what depends on consent waits for `init` (its configuration comes from the API), so the page does not
// sit on "Loading…" and then move.
import { init } from '@consentry/banner'
import { renderRoute } from './routes'

const consent = init({ site: 'site_demo0001', api: '/' })

function route(): void {
  const main = document.getElementById('main')
  if (main) renderRoute(location.hash.replace(/^#/, '') || '/', main, consent)
}

window.addEventListener('hashchange', route)
route()
