import { loadSources } from './activate'
import { placeholder, type EmbedTexts } from './placeholder'

/** Fired on `document` by "Always allow": `detail` names the service (or category) the visitor wants granted. */
export const REQUEST_GRANT_EVENT = 'consentry:request-grant'

export interface GrantRequest {
  service: string | null
  category: string | null
}

/** Click-to-load iframes: placeholders while blocked, loading, and unloading when a grant is withdrawn. */
export interface FrameGate {
  /** Hides a blocked iframe behind its placeholder (once per iframe). */
  _block(frame: HTMLElement, serviceName: string, request: GrantRequest): void
  /** Loads an iframe. Frames loaded `byGrant` are unloaded again by `_revoke`; the others stay. */
  _load(frame: HTMLElement, byGrant: boolean): void
  /** True for a frame loaded under a grant (so it is not gated again). */
  _granted(frame: Element): boolean
  /** Replaces each grant-loaded frame that `allowed` no longer admits by an unloaded copy. */
  _revoke(allowed: (frame: Element) => boolean): void
}

/**
 * `texts` is read for each placeholder (the visitor's language may arrive after gating starts); `onceLoaded` hears
 * of frames the visitor loaded for this page only ("Load content").
 */
export function frameGate(texts: () => EmbedTexts, onceLoaded: (frame: Element) => void): FrameGate {
  const boxes = new WeakMap<Element, HTMLElement>()
  const granted = new Set<HTMLElement>()
  const gate: FrameGate = {
    _block(frame, serviceName, request) {
      if (boxes.has(frame)) return
      const box = placeholder(frame, serviceName, texts(), (always) => {
        if (always) frame.ownerDocument.dispatchEvent(new CustomEvent(REQUEST_GRANT_EVENT, { detail: request, bubbles: true }))
        if (frame.isConnected && !frame.hasAttribute('src')) gate._load(frame, false)
      })
      frame.setAttribute('data-consentry-display', frame.style.display)
      frame.style.display = 'none'
      boxes.set(frame, box)
      frame.before(box)
    },
    _load(frame, byGrant) {
      boxes.get(frame)?.remove()
      boxes.delete(frame)
      frame.style.display = frame.getAttribute('data-consentry-display') ?? ''
      frame.removeAttribute('data-consentry-display')
      loadSources(frame)
      if (byGrant) granted.add(frame)
      else onceLoaded(frame)
    },
    _granted: (frame) => granted.has(frame as HTMLElement),
    _revoke(allowed) {
      for (const frame of Array.from(granted)) {
        if (allowed(frame)) continue
        granted.delete(frame)
        // A copy without src is the only sure way to unload; it is gated again like new markup.
        const fresh = frame.cloneNode(true) as HTMLElement
        fresh.removeAttribute('src')
        frame.replaceWith(fresh)
      }
    },
  }
  return gate
}
