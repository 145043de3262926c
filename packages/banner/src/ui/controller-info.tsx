import type { SiteConfig } from '@consentry/shared'
import { LinkedText } from './linked-text'
import type { DialogTexts } from './types'

/** The controller's contact and its EU/UK representatives (GDPR Art. 13(1)(a), Art. 27), when configured. */
export function ControllerInfo({ controller, t }: { controller: SiteConfig['controller']; t: DialogTexts }) {
  const reps = controller.representatives ?? {}
  const rows = [
    controller.contact && ([t['controller.contact'], controller.contact] as const),
    reps.eu && ([t['controller.representativeEu'], reps.eu.contact ? `${reps.eu.name}, ${reps.eu.contact}` : reps.eu.name] as const),
    reps.uk && ([t['controller.representativeUk'], reps.uk.contact ? `${reps.uk.name}, ${reps.uk.contact}` : reps.uk.name] as const),
  ].filter((row): row is readonly [string, string] => !!row)
  if (rows.length === 0) return null
  return (
    <dl class="controller">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <LinkedText text={value} />
          </dd>
        </div>
      ))}
    </dl>
  )
}
