import type { ViewName } from './events'
import type { ViewState } from './ui/types'

const VIEWS: readonly ViewName[] = ['banner', 'preferences', 'dns']
const isShown = (view: ViewState, name: ViewName) => (name === 'banner' ? view.banner : view.panel === name)

/** The banner's view state; tells `onToggle` about every view that opened or closed, then `onChange`. */
export function createView(initial: ViewState, onToggle: (name: ViewName, shown: boolean) => void, onChange: () => void) {
  let view = initial
  return {
    get: () => view,
    set(next: Partial<ViewState>) {
      const before = view
      view = { ...view, ...next }
      for (const name of VIEWS) if (isShown(before, name) !== isShown(view, name)) onToggle(name, isShown(view, name))
      onChange()
    },
  }
}
