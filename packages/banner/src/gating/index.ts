import type { ConsentSnapshot, ConsentSource } from '../consent-source'
import { loadSources, runnableScript, templateContent } from './activate'
import type { FrameGate } from './frames'
import type { EmbedTexts } from './placeholder'
import { GATED, isAllowed, requirement } from './rules'
import { withPart, type Parts } from '../parts'

export { GATED, isAllowed, requirement } from './rules'
export type { Requirement } from './rules'
export { EMBED_TEXTS } from './placeholder'
export type { EmbedTexts } from './placeholder'
export { REQUEST_GRANT_EVENT } from './frames'
export type { GrantRequest } from './frames'

/** Fired (cancelable) on `document` when a script that already ran lost its consent; unless cancelled the page reloads. */
export const RELOAD_EVENT = 'consentry:reload'

export interface GatingOptions {
  /** Placeholder texts in the visitor's language, read for each placeholder (defaults: English, `EMBED_TEXTS`). */
  texts?: () => Partial<EmbedTexts>
}

/**
 * Runs gated markup once its consent holds: `<script type="text/plain" data-consentry="analytics">` (inline or
 * `data-src`), `<template data-consentry>`, and `data-src` on iframes (click-to-load placeholder) and images.
 * Watches for later insertions and re-evaluates on every consent change. The click-to-load frames come from
 * `parts.embeds`, loaded when the page has a gated iframe. Returns a stop function.
 * @example const stop = startGating(store, BUNDLED)
 */
export function startGating(source: ConsentSource, parts: Pick<Parts, 'embeds'>, options: GatingOptions = {}): () => void {
  const doc = document
  const done = new WeakSet<Element>()
  /** Scripts and templates that ran because of a grant: withdrawing that grant needs a reload to stop them. */
  const ran: Element[] = []
  const pending = new Set<Element>()
  // Frame operations run in order once the frame gate is here (at once when bundled).
  let frames: FrameGate | null = null
  let framesWanted = false
  const withFrames = (then: (gate: FrameGate) => void) => {
    framesWanted = true
    withPart(
      parts.embeds(),
      ({ frameGate, EMBED_TEXTS }) =>
        then(
          (frames ??= frameGate(
            () => ({ ...EMBED_TEXTS, ...options.texts?.() }),
            (frame) => done.add(frame),
          )),
        ),
      'embeds',
    )
  }
  let snap: ConsentSnapshot = source.snapshot()
  const allowed = (el: Element) => isAllowed(requirement(el), snap.consent)

  const activate = (el: Element) => {
    done.add(el)
    const granted = !requirement(el).refusal
    if (el instanceof HTMLScriptElement) {
      const script = runnableScript(el)
      if (granted) ran.push(script)
      el.replaceWith(script)
    } else if (el instanceof HTMLTemplateElement) {
      if (granted) ran.push(el)
      el.replaceWith(templateContent(el))
    } else if (el instanceof HTMLIFrameElement) withFrames((gate) => gate._load(el, true))
    else loadSources(el)
  }

  const handle = (el: Element) => {
    if (done.has(el) || frames?._granted(el) || el.hasAttribute('data-consentry-placeholder')) return
    if (el instanceof HTMLScriptElement && el.type !== 'text/plain') return // ran already, or not ours
    // While the page is parsing, an element with nothing after it may still be receiving its content.
    if (doc.readyState === 'loading' && !hasFollowing(el)) return void pending.add(el)
    pending.delete(el)
    if (allowed(el)) activate(el)
    else if (el instanceof HTMLIFrameElement && el.hasAttribute('data-src')) block(el)
  }

  const block = (frame: HTMLElement) => {
    const req = requirement(frame)
    const id = req.tokens[0] ?? ''
    const name = (req.services && snap.config.services.find((s) => s.id === id)?.name) || id
    withFrames((gate) => gate._block(frame, name, { service: req.services ? id : null, category: req.services ? null : id }))
  }

  const stopWatching = watch(doc, handle, pending)
  const unsubscribe = source.subscribe((next) => {
    snap = next
    if (framesWanted) withFrames((gate) => gate._revoke(allowed))
    scan(doc, handle)
    // Scripts cannot be un-run: when one that ran lost its grant, reload so it is gone (the page decides).
    if (ran.some((el) => !allowed(el)) && doc.dispatchEvent(new Event(RELOAD_EVENT, { cancelable: true }))) {
      setTimeout(() => location.reload(), 0)
    }
  })
  return () => {
    stopWatching()
    unsubscribe()
  }
}

/** Hands every gated element under `root` (itself included) to `handle`. */
function scan(root: ParentNode, handle: (el: Element) => void): void {
  if (root instanceof Element && root.matches(GATED)) handle(root)
  for (const el of Array.from(root.querySelectorAll(GATED))) handle(el)
}

/** Scans the document now and whatever is added later; retries elements the parser had not closed yet. */
function watch(doc: Document, handle: (el: Element) => void, pending: Set<Element>): () => void {
  const retry = () => {
    for (const el of Array.from(pending))
      if (el.isConnected) handle(el)
      else pending.delete(el)
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of Array.from(record.addedNodes)) if (node instanceof Element) scan(node, handle)
    retry()
  })
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  doc.addEventListener('DOMContentLoaded', retry)
  scan(doc, handle)
  return () => {
    observer.disconnect()
    doc.removeEventListener('DOMContentLoaded', retry)
  }
}

/** True when some node follows `el` in document order, i.e. the parser has closed it. */
function hasFollowing(el: Node): boolean {
  for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true
  return false
}
