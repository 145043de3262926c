import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from './mount'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('mount', () => {
  it('puts an open shadow root first in <body>', () => {
    document.body.innerHTML = '<main>page</main>'
    const { host, root, remove } = mount('.x{color:red}', undefined)
    expect(document.body.firstElementChild).toBe(host)
    expect(host.shadowRoot).toBe(root)
    remove()
    expect(document.querySelector('consentry-banner')).toBeNull()
  })

  it('falls back to a <style> carrying the nonce where constructable stylesheets are missing', () => {
    // a browser without constructable stylesheets (a browser API, not ours)
    vi.stubGlobal('CSSStyleSheet', undefined)
    try {
      const { root } = mount('.x{color:red}', 'n0nce')
      const style = root.querySelector('style')!
      expect(style.nonce).toBe('n0nce')
      expect(style.textContent).toBe('.x{color:red}')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
