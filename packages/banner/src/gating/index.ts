import type { EffectiveConsent } from '@consentry/shared'
import type { ConsentSnapshot, ConsentSource } from '../consent-source'
import { loadSources, runnableScript, templateContent } from './activate'
import { EMBED_TEXTS, placeholder, type EmbedTexts } from './placeholder'
import { GATED, isAllowed, requirement } from './rules'

export { GATED, isAllowed, requirement } from './rules'
export type { Requirement } from './rules'
export { EMBED_TEXTS } from './placeholder'
export type { EmbedTexts } from './placeholder'

/** Fired on `document` by "Always allow": `detail` names the service (or category) the visitor wants granted. */
export const REQUEST_GRANT_EVENT = 'consentry:request-grant'
/** Fired (cancelable) on `document` when a script that already ran lost its consent; unless cancelled the page reloads. */
export const RELOAD_EVENT = 'consentry:reload'

export interface GrantRequest {
  service: string | null
  category: string | null
}

export interface GatingOptions {
  /** Placeholder texts in the visitor's language (defaults: English). */
  texts?: Partial<EmbedTexts>
}

/**
 * Runs gated markup once its consent holds: `<script type="text/plain" data-consentry="analytics">` (inline or
 * `data-src`), `<template data-consentry>`, and `data-src` on iframes (click-to-load placeholder) and images.
 * Watches for later insertions and re-evaluates on every consent change. Returns a stop function.
 * @example const stop = startGating(store)
 */
export function startGating(source: ConsentSource, options: GatingOptions = {}): () => void {
  const doc = document
  const texts = { ...EMBED_TEXTS, ...options.texts }
  const done = new WeakSet<Element>()
  /** Scripts that ran because of a grant: withdrawing that grant needs a reload to stop them. */
  const ran: Element[] = []
  /** Iframes loaded because of a grant (not "Load content" once): unloaded again on withdrawal. */
  const framed = new Set<HTMLElement>()
  const boxes = new WeakMap<Element, HTMLElement>()
  const pending = new Set<Element>()
  let snap: ConsentSnapshot = source.snapshot()

  const allowed = (el: Element, consent: EffectiveConsent = snap.consent) => isAllowed(requirement(el), consent)

  const loadFrame = (frame: HTMLElement, byGrant: boolean) => {
    boxes.get(frame)?.remove()
    boxes.delete(frame)
    frame.style.display = frame.getAttribute('data-consentry-display') ?? ''
    frame.removeAttribute('data-consentry-display')
    loadSources(frame)
    if (byGrant) framed.add(frame)
    else done.add(frame) // loaded once by the visitor: stays until the page is left
  }

  const block = (frame: HTMLElement) => {
    if (boxes.has(frame)) return
    const req = requirement(frame)
    const id = req.tokens[0] ?? ''
    const name = (req.services && snap.config.services.find((s) => s.id === id)?.name) || id
    const box = placeholder(frame, name, texts, (always) => {
      if (always) {
        const detail: GrantRequest = { service: req.services ? id : null, category: req.services ? null : id }
        doc.dispatchEvent(new CustomEvent(REQUEST_GRANT_EVENT, { detail, bubbles: true }))
      }
      if (frame.isConnected && !frame.hasAttribute('src')) loadFrame(frame, false)
    })
    frame.setAttribute('data-consentry-display', frame.style.display)
    frame.style.display = 'none'
    boxes.set(frame, box)
    frame.before(box)
  }

  const activate = (el: Element) => {
    done.add(el)
    if (el instanceof HTMLScriptElement) {
      const script = runnableScript(el)
      if (!requirement(el).refusal) ran.push(script)
      el.replaceWith(script)
    } else if (el instanceof HTMLTemplateElement) {
      if (!requirement(el).refusal) ran.push(el)
      el.replaceWith(templateContent(el))
    } else if (el instanceof HTMLIFrameElement) loadFrame(el, true)
    else loadSources(el)
  }

  const handle = (el: Element) => {
    if (done.has(el) || el.hasAttribute('data-consentry-placeholder')) return
    if (el instanceof HTMLScriptElement && el.type !== 'text/plain') return // ran already, or not ours
    if (el instanceof HTMLIFrameElement && framed.has(el)) return
    // While the page is parsing, an element with nothing after it may still be receiving its content.
    if (doc.readyState === 'loading' && !hasFollowing(el)) return void pending.add(el)
    pending.delete(el)
    if (allowed(el)) activate(el)
    else if (el instanceof HTMLIFrameElement && el.hasAttribute('data-src')) block(el)
  }

  const scan = (root: ParentNode) => {
    if (root instanceof Element && root.matches(GATED)) handle(root)
    for (const el of Array.from(root.querySelectorAll(GATED))) handle(el)
  }
  const retryPending = () => {
    for (const el of Array.from(pending)) if (el.isConnected) handle(el)
    else pending.delete(el)
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of Array.from(record.addedNodes)) if (node instanceof Element) scan(node)
    retryPending()
  })
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  const onReady = () => retryPending()
  doc.addEventListener('DOMContentLoaded', onReady)
  scan(doc)

  const unsubscribe = source.subscribe((next) => {
    snap = next
    // Embeds loaded under a grant that is gone are unloaded and blocked again.
    for (const frame of Array.from(framed)) {
      if (allowed(frame)) continue
      framed.delete(frame)
      const fresh = frame.cloneNode(true) as HTMLElement
      fresh.removeAttribute('src')
      frame.replaceWith(fresh)
    }
    scan(doc)
    // Scripts cannot be un-run: when one that ran lost its grant, reload so it is gone (the page decides).
    if (ran.some((el) => !allowed(el)) && doc.dispatchEvent(new Event(RELOAD_EVENT, { cancelable: true }))) {
      setTimeout(() => location.reload(), 0)
    }
  })

  return () => {
    observer.disconnect()
    doc.removeEventListener('DOMContentLoaded', onReady)
    unsubscribe()
  }
}

/** True when some node follows `el` in document order, i.e. the parser has closed it. */
function hasFollowing(el: Node): boolean {
  for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true
  return false
}
