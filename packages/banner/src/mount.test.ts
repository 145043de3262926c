import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from './mount'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('mount', () => {
  it("puts an open shadow root first in <body>, and the first layer's stylesheet in the document until removed", () => {
    document.body.innerHTML = '<main>page</main>'
    const { host, root, remove } = mount('.x{color:red}', '#l{color:blue}', undefined)
    expect(document.body.firstElementChild).toBe(host)
    expect(host.shadowRoot).toBe(root)
    expect(document.adoptedStyleSheets.map((s) => s.cssRules[0]?.cssText)).toEqual(['#l { color: blue; }'])
    remove()
    expect(document.querySelector('consentry-banner')).toBeNull()
    expect(document.adoptedStyleSheets).toEqual([])
  })

  it('falls back to a <style> carrying the nonce where constructable stylesheets are missing', () => {
    // a browser without constructable stylesheets (a browser API, not ours)
    vi.stubGlobal('CSSStyleSheet', undefined)
    try {
      const { root, remove } = mount('.x{color:red}', '#l{color:blue}', 'n0nce')
      const style = root.querySelector('style')!
      expect(style.nonce).toBe('n0nce')
      expect(style.textContent).toBe('.x{color:red}')
      expect(document.head.querySelector('style')?.nonce).toBe('n0nce')
      remove()
      expect(document.head.querySelector('style')).toBeNull()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
