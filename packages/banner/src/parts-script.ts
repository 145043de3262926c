import type { ChunkScript } from './chunks/slot'
import type { Cleanup, Declaration, Delivery, Embeds, Panels, Parts, RegimeTexts, UsSignals } from './parts'

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

/** The script tag's parts: each chunk fetched once, on first use; a failed load is forgotten, so the next use tries again. */
export function scriptParts(base: string, nonce?: string): Parts {
  const loading = new Map<string, Promise<unknown>>()
  const once =
    <T>(name: string) =>
    () => {
      let got = loading.get(name) as Promise<T> | undefined
      if (!got) {
        got = loadChunk<T>(name, base, nonce)
        got.catch(() => loading.delete(name))
        loading.set(name, got)
      }
      return got
    }
  return {
    inline: once('config'),
    panels: once<Panels>('panels'),
    us: once<UsSignals>('us'),
    cleanup: once<Cleanup>('cleanup'),
    delivery: once<Delivery>('delivery'),
    embeds: once<Embeds>('embeds'),
    texts: once<RegimeTexts>('texts'),
    declaration: once<Declaration>('declaration'),
  }
}
