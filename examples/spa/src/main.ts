// A single-page app using Consentry as an ES module: no script tag, the app owns the instance.
import { init } from '@consentry/banner'
import { renderRoute } from './routes'

const consent = await init({ site: 'site_demo0001', api: '/' })

function route(): void {
  const main = document.getElementById('main')
  if (main) renderRoute(location.hash.replace(/^#/, '') || '/', main, consent)
}

window.addEventListener('hashchange', route)
route()
