import { describe, expect, it } from 'vitest'
import { isFontList, isHexColor, isRadius } from './css-values'

describe('css values', () => {
  it('accepts font lists as site owners write them', () => {
    for (const font of ['system-ui, sans-serif', "'Inter', sans-serif", '"Open Sans",Arial', 'Georgia', 'Helvetica Neue , -apple-system , sans-serif'])
      expect(isFontList(font), font).toBe(true)
  })

  it('refuses anything that could close a string, a declaration or a rule', () => {
    for (const font of [
      'Arial"',
      "Arial'",
      '"Arial',
      'Arial;color:red',
      'x}body{display:none',
      'a\\"',
      'Arial,',
      ',Arial',
      '',
      'a'.repeat(201),
      '"a"b"',
      'url(x)',
      'Arial\n',
    ])
      expect(isFontList(font), font).toBe(false)
  })

  it('takes hex colours only, and integer radii from 0 to 32', () => {
    expect([isHexColor('#1d4ed8'), isHexColor('#abc'), isHexColor('red'), isHexColor('#1d4ed8;x'), isHexColor('#12')]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
    expect([isRadius(0), isRadius(32), isRadius(33), isRadius(1.5), isRadius('8')]).toEqual([true, true, false, false, false])
  })
})
