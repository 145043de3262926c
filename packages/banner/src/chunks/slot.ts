import type { Component, createRef } from 'preact'
import type { Fragment, jsx, jsxs } from 'preact/jsx-runtime'

/** What the core lends a chunk: its own Preact, so components from both render in one tree. */
export interface SharedPreact {
  Component: typeof Component
  createRef: typeof createRef
  Fragment: typeof Fragment
  jsx: typeof jsx
  jsxs: typeof jsxs
}

/** Hung on a chunk's `<script>` element by the core; the chunk reads it from `document.currentScript` as it runs. */
export interface ChunkSlot {
  _shared: SharedPreact
  _done(value: unknown): void
}

export type ChunkScript = HTMLScriptElement & { _consentry?: ChunkSlot }

/** The slot of the chunk running now (classic scripts run with `document.currentScript` set). */
export function chunkSlot(): ChunkSlot {
  const slot = (document.currentScript as ChunkScript | null)?._consentry
  if (!slot) throw new Error('[consentry] a chunk must be loaded by the banner')
  return slot
}
