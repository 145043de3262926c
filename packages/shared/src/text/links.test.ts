import { describe, expect, it } from 'vitest'
import { linkIssues, parseLinks, safeHref } from './links'

describe('parseLinks', () => {
  it('splits plain text and https links', () => {
    expect(parseLinks('Opt out [here](https://tools.google.com/dlpage/gaoptout) or [there](https://optout.example/a?b=1#c).')).toEqual([
      'Opt out ',
      { label: 'here', href: 'https://tools.google.com/dlpage/gaoptout' },
      ' or ',
      { label: 'there', href: 'https://optout.example/a?b=1#c' },
      '.',
    ])
    expect(parseLinks('no links')).toEqual(['no links'])
    expect(parseLinks('')).toEqual([])
  })

  it('leaves hostile or unsafe links as plain text', () => {
    for (const hostile of [
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](http://insecure.example)',
      '[x](https://user:pw@evil.example)',
      '[x](https://evil.example/"onmouseover="alert(1))',
      '[x](https://evil.example/<script>)',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](//evil.example)',
      '[x](https://evil.example\\@good.example)',
      '<img src=x onerror=alert(1)>',
      '[x](https:/\u0000evil)',
    ]) {
      const parsed = parseLinks(hostile)
      for (const part of parsed) expect(typeof part, hostile).toBe('string')
      expect(parsed.join(''), hostile).toBe(hostile)
    }
  })

  it('keeps labels as text (markup in a label is never markup)', () => {
    expect(parseLinks('[<b>bold</b>](https://x.example)')).toEqual([{ label: '<b>bold</b>', href: 'https://x.example' }])
  })
})

describe('safeHref', () => {
  it('accepts absolute https URLs only', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com')
    expect(safeHref('https://example.com:8443/p?q=1')).toBe('https://example.com:8443/p?q=1')
    expect(safeHref('http://example.com')).toBeNull()
    expect(safeHref('https://a@b.example')).toBeNull()
    expect(safeHref('https://')).toBeNull()
  })
})

describe('linkIssues', () => {
  it('names each problem', () => {
    expect(linkIssues('fine [a](https://a.example)')).toEqual([])
    expect(linkIssues('<a href="https://a.example">a</a>')).toHaveLength(1)
    expect(linkIssues('[a](ftp://a.example)')[0]).toContain('https://')
  })
})
