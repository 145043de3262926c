import { Component } from 'preact'
import { own, recordOf, type Category, type CategoryChoices, type OptionalCategory, type ServiceConfig } from '@consentry/shared'
import { ControllerInfo } from './controller-info'
import { CookieList } from './cookie-list'
import { LinkedText } from './linked-text'
import { Dialog } from './dialog'
import { Toggle } from './toggle'
import { gpcStatusShown, type UiProps } from './types'

/**
 * The preferences center (a modal dialog): every category with its switch (essential on and locked), its
 * description, its services (each with a switch when the site allows per-service choice) and their cookies.
 * Switches start from what is in force now, so nothing optional is pre-ticked before an opt-in (EU-05).
 */
export class Preferences extends Component<UiProps, { cats: CategoryChoices; svcs: Record<string, boolean> }> {
  constructor(props: UiProps) {
    super(props)
    const { categories, services } = props.snapshot.consent
    this.state = {
      cats: { functional: categories.functional, analytics: categories.analytics, advertising: categories.advertising },
      svcs: { ...services },
    }
  }

  render({ t, locale, snapshot, actions }: UiProps, { cats, svcs }: Preferences['state']) {
    const { config } = snapshot
    const servicesOf = (c: Category) => config.services.filter((s) => s.category === c)

    const setCategory = (c: OptionalCategory, on: boolean) => {
      const next = { ...svcs, ...recordOf(servicesOf(c).map((s) => [s.id, on])) }
      this.setState({ cats: { ...cats, [c]: on }, svcs: next })
    }
    const setService = (s: ServiceConfig, on: boolean) => {
      const next = { ...svcs, [s.id]: on }
      const c = s.category as OptionalCategory
      this.setState({ svcs: next, cats: { ...cats, [c]: servicesOf(c).some((x) => own(next, x.id)) } })
    }

    const categories: Category[] = ['essential', ...config.categories]
    return (
      <Dialog labelId="cs-prefs-title" descId="cs-prefs-desc" onEscape={actions.closePanel} class="prefs">
        <div class="head">
          <h2 id="cs-prefs-title" class="title">
            {t['preferences.title']}
          </h2>
          <button type="button" class="btn secondary close" data-action="close" onClick={actions.closePanel}>
            {t['preferences.close']}
          </button>
        </div>
        <p id="cs-prefs-desc" class="text">
          <LinkedText text={t['preferences.description']} /> {config.controller.name}.{' '}
          <a href={config.policy.url} target="_blank" rel="noopener">
            {t['banner.privacyPolicy']}
          </a>
        </p>
        <ControllerInfo controller={config.controller} t={t} />
        {gpcStatusShown(snapshot) && (
          <p role="status" class="gpc">
            {t['gpc.honored']}
          </p>
        )}
        <ul class="cats">
          {categories.map((c) => {
            // Under GPC advertising is opted out and stays so (GPC-08): its switches are shown locked off, not switchable.
            const gpcLocked = c === 'advertising' && snapshot.consent.gpcHonoured
            const locked = c === 'essential' || gpcLocked
            const lockedText = gpcLocked ? t['gpc.honored'] : undefined
            const services = servicesOf(c)
            return (
              <li key={c} class="cat" data-category={c}>
                <div class="row">
                  <h3 id={`cs-cat-${c}`} class="name">
                    {t[`category.${c}.name`]}
                  </h3>
                  <Toggle
                    t={t}
                    on={c === 'essential' || (!gpcLocked && cats[c as OptionalCategory])}
                    locked={locked}
                    lockedText={lockedText}
                    labelledBy={`cs-cat-${c}`}
                    describedBy={`cs-cat-${c}-desc`}
                    onChange={(on) => setCategory(c as OptionalCategory, on)}
                  />
                </div>
                <p id={`cs-cat-${c}-desc`} class="text">
                  {t[`category.${c}.description`]}
                </p>
                {services.length > 0 && (
                  <details class="services">
                    <summary>
                      {t['preferences.services']} ({services.length})
                    </summary>
                    <ul>
                      {services.map((s) => (
                        <li key={s.id} class="svc" data-service={s.id}>
                          <div class="row">
                            <h4 id={`cs-svc-${s.id}`} class="name">
                              {s.name}
                            </h4>
                            {config.consent.perServiceChoice && c !== 'essential' && (
                              <Toggle
                                t={t}
                                on={!gpcLocked && (own(svcs, s.id) ?? false)}
                                locked={gpcLocked}
                                lockedText={lockedText}
                                labelledBy={`cs-svc-${s.id}`}
                                describedBy={`cs-svc-${s.id}-desc`}
                                onChange={(on) => setService(s, on)}
                              />
                            )}
                          </div>
                          <p id={`cs-svc-${s.id}-desc`} class="text">
                            {s.purpose} ({s.provider}){' '}
                            <a href={s.privacyPolicyUrl} target="_blank" rel="noopener">
                              {t['banner.privacyPolicy']}
                              <span class="sr-only"> {s.name}</span>
                            </a>
                          </p>
                          <CookieList service={s} t={t} locale={locale} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            )
          })}
        </ul>
        <div class="actions">
          <button type="button" class="btn" data-action="accept" onClick={actions.acceptAll}>
            {t['banner.acceptAll']}
          </button>
          <button type="button" class="btn" data-action="reject" onClick={actions.rejectAll}>
            {t['banner.rejectAll']}
          </button>
          <button type="button" class="btn secondary" data-action="save" onClick={() => actions.save({ categories: cats, services: svcs })}>
            {t['preferences.save']}
          </button>
        </div>
      </Dialog>
    )
  }
}
