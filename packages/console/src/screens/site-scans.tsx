// Scans: the place for the cookie scanner's results (issue 19). The scanner's API lands separately; this tab is
// where its jobs and findings will be listed for the site.
import type { Site } from '../types'

export function ScansTab(props: { site: Site }) {
  return (
    <div class="scans" data-scans-site={props.site.id}>
      <p>Cookie scans of this site’s pages will be listed here: each scan’s date, the cookies and storage keys it found, and which are not declared in the configuration.</p>
      <p class="hint">Not available yet in this version.</p>
    </div>
  )
}
