// One site: its tabs, and the draft configuration shared by the editor and the publish step.
import type { SiteConfig } from '@consentry/shared'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { useDraft } from '../config/use-draft'
import { href, type SiteTab } from '../router'
import type { ConfigVersion, SessionInfo, Site } from '../types'
import { Notice } from '../ui/fields'
import { ConfigurationTab } from './site-configuration'
import { EmbedTab } from './site-embed'
import { LogTab } from './site-log'
import { PublishTab } from './site-publish'
import { RequestsTab } from './site-requests'
import { ScansTab } from './site-scans'
import { SettingsTab } from './site-settings'
import { StatisticsTab } from './site-statistics'

const TAB_LABELS: Record<SiteTab, string> = {
  configuration: 'Configuration',
  publish: 'Publish',
  embed: 'Embed',
  log: 'Consent log',
  statistics: 'Statistics',
  requests: 'Data requests',
  scans: 'Scans',
  settings: 'Settings',
}

export function SiteScreen(props: { siteId: string; tab: SiteTab; session: SessionInfo }) {
  const [site, setSite] = useState<Site>()
  const [published, setPublished] = useState<SiteConfig | null>()
  const [error, setError] = useState<string>()
  const reload = async () => {
    try {
      const s = await api<Site>('GET', `/v1/admin/sites/${props.siteId}`)
      setSite(s)
      const v = s.publishedVersionId ? await api<ConfigVersion>('GET', `/v1/admin/sites/${s.id}/config-versions/${s.publishedVersionId}`) : null
      setPublished(v?.config ?? null)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  useEffect(() => void reload(), [props.siteId])
  const draft = useDraft(site, published)

  if (error) return <Notice kind="error">{error}</Notice>
  if (!site || published === undefined) return <p>Loading the site…</p>
  return (
    <section>
      <p class="crumbs">
        <a href={href.sites()}>Sites</a> › <code>{site.id}</code>
      </p>
      <h1>{site.name}</h1>
      <nav class="tabs" aria-label="Site">
        {(Object.keys(TAB_LABELS) as SiteTab[]).map((t) => (
          <a key={t} href={href.site(site.id, t)} aria-current={t === props.tab ? 'page' : undefined}>
            {TAB_LABELS[t]}
            {t === 'publish' && draft.dirty ? <span class="badge"> changed</span> : null}
          </a>
        ))}
      </nav>
      <div class="tab-panel">
        <h2>{TAB_LABELS[props.tab]}</h2>
        {props.tab === 'configuration' && <ConfigurationTab site={site} draft={draft} />}
        {props.tab === 'publish' && <PublishTab site={site} draft={draft} published={published} onPublished={reload} />}
        {props.tab === 'embed' && <EmbedTab site={site} />}
        {props.tab === 'log' && <LogTab site={site} />}
        {props.tab === 'statistics' && <StatisticsTab site={site} />}
        {props.tab === 'requests' && <RequestsTab site={site} />}
        {props.tab === 'scans' && <ScansTab site={site} />}
        {props.tab === 'settings' && <SettingsTab site={site} session={props.session} onChanged={setSite} />}
      </div>
    </section>
  )
}
