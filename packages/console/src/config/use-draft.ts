// The draft configuration of a site: starts from the published one (or a starter), and is checked by the API
// (`config-checks`) a moment after each edit, so the editor shows the API's own words next to each field.
import type { SiteConfig } from '@consentry/shared'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api'
import type { ConfigCheck, Site } from '../types'
import { issueMap } from '../ui/forms'

export interface Draft {
  /** The configuration being edited, as JSON (defaults may be missing). */
  value: Record<string, unknown> | null
  set(next: Record<string, unknown>): void
  /** The API's verdict on `value`; `checked` is the value with every default, when valid. */
  issues: Map<string, string>
  issueList: { path: string; message: string }[]
  checked: SiteConfig | null
  /** The last valid configuration, which the preview shows while the draft is invalid. */
  lastValid: SiteConfig | null
  checking: boolean
  dirty: boolean
  reset(): void
}

/** A configuration a new site starts from: valid, with the site's name and first origin. */
export function starterConfig(site: Site): Record<string, unknown> {
  const origin = site.allowedOrigins[0] ?? 'https://www.example.com'
  return {
    siteId: site.id,
    name: site.name,
    controller: { name: site.name },
    policy: { revision: 1, url: `${origin}/privacy` },
    categories: ['functional', 'analytics', 'advertising'],
    services: [],
  }
}

/**
 * A published configuration as a draft. Versions published before the configuration became strict carry
 * `allowedOrigins` (the site record's list is the one CORS follows): dropped, so republishing them is accepted.
 */
function withoutMovedFields(published: SiteConfig | null): Record<string, unknown> | null {
  if (!published) return null
  const { allowedOrigins: _moved, ...rest } = published as Record<string, unknown>
  return rest
}

export function useDraft(site: Site | undefined, published: SiteConfig | null | undefined): Draft {
  const [value, setValue] = useState<Record<string, unknown> | null>(null)
  const [check, setCheck] = useState<ConfigCheck | null>(null)
  const [lastValid, setLastValid] = useState<SiteConfig | null>(null)
  const [checking, setChecking] = useState(false)
  const [dirty, setDirty] = useState(false)
  const seq = useRef(0)

  const initial = () => (site && published !== undefined ? (withoutMovedFields(published) ?? starterConfig(site)) : null)
  useEffect(() => {
    setValue(initial())
    setDirty(false)
  }, [site?.id, published])

  useEffect(() => {
    if (!site || !value) return
    const n = ++seq.current
    setChecking(true)
    const timer = setTimeout(async () => {
      try {
        const result = await api<ConfigCheck>('POST', `/v1/admin/sites/${site.id}/config-checks`, value)
        if (n !== seq.current) return
        setCheck(result)
        if (result.valid) setLastValid(result.config)
      } catch (e) {
        if (n === seq.current) setCheck({ valid: false, issues: [{ path: '(root)', message: (e as Error).message }] })
      } finally {
        if (n === seq.current) setChecking(false)
      }
    }, 300)
    return () => clearTimeout(timer)
  }, [site?.id, value])

  const issueList = check && !check.valid ? check.issues : []
  return {
    value,
    set: (next) => {
      setValue(next)
      setDirty(true)
    },
    issues: issueMap(issueList),
    issueList,
    checked: check?.valid ? check.config : null,
    lastValid,
    checking,
    dirty,
    reset: () => {
      setValue(initial())
      setDirty(false)
    },
  }
}
