/** Hung on a chunk's `<script>` element by the core; the chunk reads it from `document.currentScript` as it runs. */
export interface ChunkSlot {
  _done(value: unknown): void
}

export type ChunkScript = HTMLScriptElement & { _consentry?: ChunkSlot }

/** The slot of the chunk running now (classic scripts run with `document.currentScript` set). */
export function chunkSlot(): ChunkSlot {
  const slot = (document.currentScript as ChunkScript | null)?._consentry
  if (!slot) throw new Error('[consentry] a chunk must be loaded by the banner')
  return slot
}
