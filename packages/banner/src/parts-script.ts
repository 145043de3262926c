import type { ChunkScript } from './chunks/slot'
import type { Panels, Parts } from './parts'

/**
 * Loads `consentry-<name>.js` from beside the script (`base`), as a plain `<script src>` carrying the nonce
 * (no eval, CSP-friendly), and resolves with what the chunk hands back through its script element.
 */
export function loadChunk<T>(name: string, base: string, nonce?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const script: ChunkScript = document.createElement('script')
    script.src = new URL(`consentry-${name}.js`, base).href
    if (nonce) script.nonce = nonce
    script._consentry = { _done: resolve as (value: unknown) => void }
    // A chunk runs before its load event: still waiting then means it was not ours.
    script.onload = script.onerror = () => reject(new Error(`${script.src} did not load`))
    document.head.append(script)
  })
}

/** The script tag's parts: each chunk fetched once, on first use. */
export function scriptParts(base: string, nonce?: string): Parts {
  let panels: Promise<Panels> | undefined
  return {
    guards: () => loadChunk('config', base, nonce),
    // A failed load is forgotten, so the next click tries again.
    panels: () =>
      (panels ??= loadChunk<Panels>('panels', base, nonce).catch((error: unknown) => {
        panels = undefined
        throw error
      })),
  }
}
