import { describe, expect, it } from 'vitest'
import { consentPreflightHeaders, siteOriginHeaders } from './cors'

describe('cors', () => {
  it('names the origin, and only credentialed answers allow credentials and vary by origin', () => {
    expect(siteOriginHeaders('https://shop.example', false)).toEqual([['Access-Control-Allow-Origin', 'https://shop.example']])
    expect(Object.fromEntries(siteOriginHeaders('https://shop.example', true))).toEqual({
      'Access-Control-Allow-Origin': 'https://shop.example',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    })
  })

  it('answers a consent preflight for GET and POST with a JSON body, cached ten minutes', () => {
    const headers = Object.fromEntries(consentPreflightHeaders('https://shop.example'))
    expect(headers['Access-Control-Allow-Methods']).toBe('GET, POST')
    expect(headers['Access-Control-Allow-Headers']).toBe('Content-Type')
    expect(headers['Access-Control-Allow-Credentials']).toBe('true')
    expect(headers['Access-Control-Max-Age']).toBe('600')
  })
})
