import { describe, expect, it } from 'vitest'
import { siteConfigSchema } from '@consentry/shared/schemas'
import { buildCss, LAYER_CSS, scopeToLayer } from './styles'
import { withDefaults } from '../config/defaults'
import { SITE } from '../testing/site'

const look = siteConfigSchema.parse(SITE).appearance
/** Rules in a stylesheet as Chromium and happy-dom parse it: a value that escapes its declaration changes the count. */
const rules = (css: string) => {
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  return sheet.cssRules.length
}

describe('appearance values in CSS', () => {
  it('a font with a stray quote (Arial") is refused by the schema and by the inline guards', () => {
    const bad = { ...SITE, appearance: { font: 'Arial"' } }
    expect(siteConfigSchema.safeParse(bad).success).toBe(false)
    expect(() => withDefaults(bad)).toThrow(/appearance\.font/)
  })

  it('the schema and the inline guards agree on every sample font, colour and radius', () => {
    const samples = [
      { font: 'Arial"' },
      { font: "'Inter', sans-serif" },
      { font: 'Open Sans, Arial' },
      { font: 'a;b' },
      { font: '"x"y"' },
      { font: 'Arial,' },
      { accentColor: '#abc' },
      { accentColor: '#abcd' },
      { accentColor: 'red' },
      { radius: 0 },
      { radius: 32 },
      { radius: 33 },
      { radius: 2.5 },
      { radius: '8' },
    ]
    for (const appearance of samples) {
      const config = { ...SITE, appearance }
      let guards = true
      try {
        withDefaults(config)
      } catch {
        guards = false
      }
      expect(guards, JSON.stringify(appearance)).toBe(siteConfigSchema.safeParse(config).success)
    }
  })

  it('a value that reached the stylesheet unvalidated (an older published configuration) leaves it whole', () => {
    const whole = rules(buildCss(look))
    const unsafe = buildCss({ ...look, font: 'Arial"', accentColor: 'red;}*{display:none', radius: 'x' as unknown as number })
    expect(rules(unsafe)).toBe(whole)
    expect(unsafe).not.toContain('Arial"')
    expect(unsafe).not.toContain('display:none')
  })

  it('every first-layer declaration is scoped to the layer id and !important; keyframes are not', () => {
    const css = scopeToLayer(LAYER_CSS)
    expect(css).not.toContain('&')
    const declarations = css.replace(/@media[^{]+\{/g, '').match(/[{;][^{};]+:[^{};]+(?=[;}])/g) ?? []
    expect(declarations.length).toBeGreaterThan(40)
    for (const d of declarations) expect(d, d).toMatch(/!important$/)
    for (const selector of css.match(/(^|})[^{}@]+\{/g) ?? []) expect(selector, selector).toContain('#consentry-first-layer')
  })
})
