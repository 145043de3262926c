import { describe, expect, it } from 'vitest'
import { parseSitemap, samePageUrl, sitemapsInRobots } from './discover'

describe('page discovery', () => {
  it('reads pages and nested sitemaps from sitemap XML', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://shop.example/</loc></url><url><loc> https://shop.example/a?x=1&amp;y=2 </loc><lastmod>2026-01-01</lastmod></url></urlset>`
    expect(parseSitemap(xml)).toEqual({ pages: ['https://shop.example/', 'https://shop.example/a?x=1&y=2'], sitemaps: [] })
    expect(parseSitemap('<sitemapindex><sitemap><loc>https://shop.example/s1.xml</loc></sitemap></sitemapindex>').sitemaps).toEqual([
      'https://shop.example/s1.xml',
    ])
    expect(sitemapsInRobots('User-agent: *\nDisallow:\nSitemap: https://shop.example/sitemap.xml\n')).toEqual(['https://shop.example/sitemap.xml'])
  })

  it('keeps same-origin pages without their fragment and leaves out other origins, schemes and files', () => {
    const o = 'https://shop.example'
    expect(samePageUrl('/about#team', o)).toBe('https://shop.example/about')
    expect(samePageUrl('https://other.example/', o)).toBeNull()
    expect(samePageUrl('mailto:a@shop.example', o)).toBeNull()
    expect(samePageUrl('/brochure.pdf', o)).toBeNull()
  })
})
