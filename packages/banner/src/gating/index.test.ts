import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSource, type TestSource } from '../../test/fixtures/source'
import { REQUEST_GRANT_EVENT, RELOAD_EVENT, startGating } from './index'
import { BUNDLED } from '../parts-bundled'
import { isAllowed, requirement } from './rules'

type Win = Window & { ran?: string[] }
const w = window as Win
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

// happy-dom ships with script evaluation off; these tests need inline scripts to really run (never files).
beforeAll(() => {
  const { settings } = (window as unknown as { happyDOM: { settings: Record<string, boolean> } }).happyDOM
  Object.assign(settings, {
    enableJavaScriptEvaluation: true,
    suppressInsecureJavaScriptEnvironmentWarning: true,
    disableJavaScriptFileLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
  })
})

let stop: () => void = () => {}
let source: TestSource
beforeEach(() => {
  w.ran = []
  document.body.innerHTML = ''
  source = createTestSource()
})
afterEach(() => stop())

const gated = (attrs: string, body: string) => {
  document.body.insertAdjacentHTML('beforeend', `<script type="text/plain" ${attrs}>${body}</script>`)
}

describe('requirement and isAllowed', () => {
  const consent = { categories: { essential: true, functional: false, analytics: true, advertising: false }, services: { ga4: true, hotjar: false } } as const
  const el = (html: string) => {
    const div = document.createElement('div')
    div.innerHTML = html
    return div.firstElementChild!
  }

  it('reads categories, services (which win) and refusals', () => {
    expect(isAllowed(requirement(el('<i data-consentry="analytics"></i>')), consent)).toBe(true)
    expect(isAllowed(requirement(el('<i data-consentry="analytics advertising"></i>')), consent)).toBe(false)
    expect(isAllowed(requirement(el('<i data-consentry="analytics" data-consentry-service="hotjar"></i>')), consent)).toBe(false)
    expect(isAllowed(requirement(el('<i data-consentry="!advertising"></i>')), consent)).toBe(true)
    expect(isAllowed(requirement(el('<i data-consentry-service="!ga4"></i>')), consent)).toBe(false)
  })

  it('never runs markup with an unknown or empty requirement', () => {
    expect(isAllowed(requirement(el('<i data-consentry="marketing"></i>')), consent)).toBe(false)
    expect(isAllowed(requirement(el('<i data-consentry=""></i>')), consent)).toBe(false)
  })
})

describe('startGating', () => {
  it('EU-01/ADS-10: nothing gated runs before consent in an opt-in regime', async () => {
    gated('data-consentry="analytics"', 'ran.push("analytics")')
    gated('data-consentry-service="meta-pixel"', 'ran.push("meta")')
    stop = startGating(source, BUNDLED)
    await flush()
    expect(w.ran).toEqual([])
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(2)
  })

  it('runs each gated script exactly once after accept, however often consent changes', async () => {
    gated('data-consentry="analytics"', 'ran.push("analytics")')
    gated('data-consentry-service="ga4"', 'ran.push("ga4")')
    stop = startGating(source, BUNDLED)
    source.decide('accept_all')
    source.decide('custom', { categories: { analytics: true, functional: true, advertising: true } })
    await flush()
    expect(w.ran!.sort()).toEqual(['analytics', 'ga4'])
  })

  it('follows the service grant, not only the category', async () => {
    gated('data-consentry="analytics" data-consentry-service="ga4"', 'ran.push("ga4")')
    gated('data-consentry-service="hotjar"', 'ran.push("hotjar")')
    stop = startGating(source, BUNDLED)
    source.decide('custom', { categories: { analytics: true }, services: { hotjar: false } })
    await flush()
    expect(w.ran).toEqual(['ga4'])
  })

  it('runs refusal scripts (data-consentry="!analytics") only while the category is refused', async () => {
    gated('data-consentry="!analytics"', 'ran.push("fallback")')
    stop = startGating(source, BUNDLED)
    expect(w.ran).toEqual(['fallback'])
    source.decide('accept_all')
    gated('data-consentry="!analytics"', 'ran.push("late fallback")')
    await flush()
    expect(w.ran).toEqual(['fallback'])
  })

  it('recreates external scripts with src from data-src, keeps attributes and the nonce, drops the inert type', () => {
    gated('data-consentry="analytics" data-src="https://tags.example/ga.js" id="ga" nonce="abc" data-type="module"', '')
    const original = document.getElementById('ga') as HTMLScriptElement
    original.nonce = 'abc'
    stop = startGating(source, BUNDLED)
    source.decide('accept_all')
    const script = document.getElementById('ga') as HTMLScriptElement
    expect(script).not.toBe(original)
    expect(script.getAttribute('src')).toBe('https://tags.example/ga.js')
    expect(script.type).toBe('module')
    expect(script.nonce).toBe('abc')
    expect(script.async).toBe(false)
  })

  it('ADS-10: gates content inserted after load (single-page apps)', async () => {
    stop = startGating(source, BUNDLED)
    gated('data-consentry="analytics"', 'ran.push("late")')
    await flush()
    expect(w.ran).toEqual([])
    source.decide('accept_all')
    gated('data-consentry="analytics"', 'ran.push("later")')
    await flush()
    expect(w.ran).toEqual(['late', 'later'])
  })

  it("inserts a template's markup once granted", async () => {
    document.body.insertAdjacentHTML('beforeend', '<template data-consentry="functional"><div id="widget">chat</div></template>')
    stop = startGating(source, BUNDLED)
    expect(document.getElementById('widget')).toBeNull()
    source.decide('accept_all')
    expect(document.getElementById('widget')?.textContent).toBe('chat')
    expect(document.querySelector('template')).toBeNull()
  })

  it('EU-01: scripts inside a gated template run once when granted, and not before', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<template data-consentry="analytics"><div id="chat"></div><script>ran.push("template")</script><script type="text/plain">ran.push("inert")</script></template>',
    )
    stop = startGating(source, BUNDLED)
    await flush()
    expect(w.ran).toEqual([])
    source.decide('custom', { categories: { functional: true } })
    await flush()
    expect(w.ran).toEqual([])
    source.decide('accept_all')
    source.decide('custom', { categories: { analytics: true, functional: true, advertising: true } })
    await flush()
    expect(w.ran).toEqual(['template'])
    expect(document.getElementById('chat')).not.toBeNull()
  })

  it('EU-01: a gated image gets its src from data-src only after the grant', async () => {
    document.body.innerHTML =
      '<img id="px" data-consentry="advertising" data-src="https://ads.example/pixel.gif" data-srcset="https://ads.example/pixel-2x.gif 2x" alt="">'
    stop = startGating(source, BUNDLED)
    const img = document.getElementById('px')!
    source.decide('custom', { categories: { analytics: true } })
    await flush()
    expect(img.hasAttribute('src')).toBe(false)
    expect(img.hasAttribute('srcset')).toBe(false)
    source.decide('accept_all')
    expect(img.getAttribute('src')).toBe('https://ads.example/pixel.gif')
    expect(img.getAttribute('srcset')).toBe('https://ads.example/pixel-2x.gif 2x')
  })

  it('ADS-10: blocks iframes behind a placeholder until granted; "Load content" loads this one only', async () => {
    document.body.innerHTML =
      '<iframe id="a" data-consentry-service="youtube" data-src="https://www.youtube-nocookie.com/embed/x" width="560" height="315"></iframe>' +
      '<iframe id="b" data-consentry-service="youtube" data-src="https://www.youtube-nocookie.com/embed/y"></iframe>'
    stop = startGating(source, BUNDLED)
    const boxes = document.querySelectorAll<HTMLElement>('[data-consentry-placeholder]')
    expect(boxes).toHaveLength(2)
    expect(boxes[0]!.textContent).toContain('YouTube')
    expect(document.getElementById('a')!.hasAttribute('src')).toBe(false)
    expect(document.getElementById('a')!.style.display).toBe('none')
    boxes[0]!.querySelector('button')!.click()
    expect(document.getElementById('a')!.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/x')
    expect(document.getElementById('b')!.hasAttribute('src')).toBe(false)
    source.decide('reject_all') // a once-loaded embed stays
    expect(document.getElementById('a')!.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/x')
  })

  it('sizes the placeholder from plain numeric iframe attributes only', () => {
    document.body.innerHTML =
      '<iframe data-consentry="functional" data-src="https://a.example/" width="560" height="315"></iframe>' +
      '<iframe data-consentry="functional" data-src="https://b.example/" width="1px;background:url(https://evil.example/)" height="50%"></iframe>'
    stop = startGating(source, BUNDLED)
    const [a, b] = Array.from(document.querySelectorAll<HTMLElement>('[data-consentry-placeholder]'))
    expect([a!.style.width, a!.style.minHeight]).toEqual(['560px', '315px'])
    expect([b!.style.width, b!.style.minHeight]).toEqual(['100%', '50%'])
    expect(b!.style.background).not.toContain('evil')
  })

  it('"Always allow" requests a grant for the service and loads the embed', () => {
    document.body.innerHTML = '<iframe id="a" data-consentry-service="youtube" data-src="https://www.youtube-nocookie.com/embed/x"></iframe>'
    stop = startGating(source, BUNDLED)
    const requests: unknown[] = []
    document.addEventListener(REQUEST_GRANT_EVENT, (e) => requests.push((e as CustomEvent).detail), { once: true })
    document.querySelectorAll('[data-consentry-placeholder] button')[1]!.dispatchEvent(new Event('click'))
    expect(requests).toEqual([{ service: 'youtube', category: null }])
    expect(document.getElementById('a')!.getAttribute('src')).toContain('embed/x')
  })

  it('EU-12: withdrawal unloads granted embeds and asks for a reload when a script that ran loses its grant', async () => {
    document.body.innerHTML = '<iframe id="a" data-consentry="functional" data-src="https://player.example/v"></iframe>'
    gated('data-consentry="analytics"', 'ran.push("analytics")')
    stop = startGating(source, BUNDLED)
    source.decide('accept_all')
    expect(document.getElementById('a')!.getAttribute('src')).toBe('https://player.example/v')
    const reload = vi.fn((e: Event) => e.preventDefault())
    document.addEventListener(RELOAD_EVENT, reload, { once: true })
    source.decide('withdraw')
    expect(document.getElementById('a')!.hasAttribute('src')).toBe(false)
    expect(document.querySelectorAll('[data-consentry-placeholder]')).toHaveLength(1)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('stops watching after stop()', async () => {
    stop = startGating(source, BUNDLED)
    stop()
    source.decide('accept_all')
    gated('data-consentry="analytics"', 'ran.push("after stop")')
    await flush()
    expect(w.ran).toEqual([])
  })
})
