import { consentBody, type PublishedSite } from './helpers'

/** One hostile request: what it is, and how to send it. */
export interface Case {
  name: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string
}

const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['number', 42],
  ['negative', -1],
  ['float', 1.5],
  ['NaN-ish string', 'NaN'],
  ['boolean', true],
  ['array', ['x']],
  ['object', { $gt: '' }],
  ['empty string', ''],
  ['huge string', 'x'.repeat(5000)],
  ['sql', "' OR 1=1; DROP TABLE consents; --"],
  ['script', '<script>alert(1)</script>'],
  ['nul byte', 'a\u0000b'],
  ['proto', { __proto__: { polluted: true } }],
]

const VALID_COMBINATIONS = new Set([
  'services:proto',
  'doNotSell:boolean',
  'gpc:boolean',
  'policyRevision:number',
  'decidedAt:number',
  'bannerVersion:NaN-ish string',
])

/** Values that are invalid for every field they are put in (each field has a type or pattern these break). */
const PER_FIELD: Record<string, unknown[]> = {
  siteId: ['site_', 'site_ab', 'SITE_abcd', 'site_abcd!', 'site_' + 'a'.repeat(65), '../../etc/passwd'],
  visitorId: ['A'.repeat(32), 'a'.repeat(31), 'a'.repeat(33), 'g'.repeat(32), ' '.repeat(32)],
  externalUserId: ['', 'u'.repeat(257), 'user\u0000', 'line\nbreak', 'lone\ud800high', '\udc00lone low', 'reversed\udc00\ud800'],
  idempotencyKey: ['short', 'k'.repeat(65), 'has space in it!!!', 'ünicodeünicodeünicode'],
  method: ['ACCEPT_ALL', 'accept', 'delete', 'withdraw ', 'gpc\n'],
  categories: [
    {},
    { functional: true },
    { functional: true, analytics: true, advertising: true, essential: false },
    { functional: true, analytics: true, advertising: true, marketing: true },
    { functional: 1, analytics: 0, advertising: 0 },
  ],
  services: [{ 'Bad Id': true }, { ga4: 'yes' }, { '': true }, ['ga4']],
  doNotSell: ['true', 1, 0],
  gpc: ['1', 1, 'false'],
  policyRevision: [0, -3, 1.5, '1', 2 ** 31, 2 ** 53 - 1, 2 ** 60],
  configVersionId: ['', 'c'.repeat(65), 'cfg_doesnotexist'],
  locale: ['EN', 'english', 'en_US', '12', 'e'],
  jurisdiction: ['de', 'DEU', 'EU-', 'US-ABCD', 'XX-1-2'],
  bannerVersion: ['', 'v'.repeat(33), '1.0 beta', '1.0\u0000'],
  pageUrl: [
    'javascript:alert(1)',
    'ftp://shop.example/',
    '/relative',
    'not a url',
    'https://' + 'a'.repeat(2100) + '.example/',
    'data:text/html,hi',
    'file:///etc/passwd',
  ],
  decidedAt: [0, -5, 1.5, '2024-01-01', 1e300],
  gppString: ['g'.repeat(2049), 7],
}

const MALFORMED_JSON = [
  '',
  '{',
  '}',
  '[',
  '{"siteId":',
  '{"a":1,}',
  "{'a':1}",
  'null',
  'true',
  '1',
  '"string"',
  '[]',
  '[{}]',
  'NaN',
  'undefined',
  '\uFEFF{}',
  '{"a":1}{"b":2}',
  '{"__proto__":{"x":1}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  '{"siteId":"\\ud800"}',
  '\u0000',
  'x'.repeat(100),
  '{"a":"\\x41"}',
  '{"a":01}',
  '{"a":.5}',
  '{"a":+1}',
  '{"a":Infinity}',
]

export function hostileCases(site: PublishedSite, otherVersion: string, adminKey: string): Case[] {
  const out: Case[] = []
  const post = (name: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json', origin: 'https://shop.example' }) =>
    out.push({ name, method: 'POST', path: '/v1/consents', headers, body })
  const valid = () => consentBody(site)
  for (const field of Object.keys(valid())) {
    const rest = valid()
    delete rest[field]
    if (field !== 'services') post(`missing ${field}`, JSON.stringify(rest))
    for (const [label, value] of WRONG_TYPES) {
      // Skip the combinations that are legitimately valid (a boolean for a boolean field, and so on).
      if (VALID_COMBINATIONS.has(`${field}:${label}`)) continue
      post(`${field} = ${label}`, JSON.stringify({ ...valid(), [field]: value }))
    }
  }
  for (const [field, values] of Object.entries(PER_FIELD)) {
    values.forEach((value, i) => post(`${field} bad #${i}`, JSON.stringify({ ...valid(), [field]: value })))
  }
  for (const extra of ['isAdmin', 'receivedAt', 'hash', 'ip', 'userAgent', 'seq', 'prevHash', 'constructor']) {
    post(`unknown field ${extra}`, JSON.stringify({ ...valid(), [extra]: 'x' }))
  }
  post('config version of another site', JSON.stringify({ ...valid(), configVersionId: otherVersion }))
  post('unknown service', JSON.stringify({ ...valid(), services: { doesnotexist: true } }))
  post('unknown site', JSON.stringify({ ...valid(), siteId: 'site_nosuchsite' }))
  MALFORMED_JSON.forEach((body, i) => post(`malformed JSON #${i}`, body))
  for (const ct of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    '',
    'application/json-patch',
    'json',
  ]) {
    post(`content-type ${JSON.stringify(ct)}`, JSON.stringify(valid()), ct ? { 'content-type': ct } : {})
  }
  post('body over 32 KiB', JSON.stringify({ ...valid(), bannerVersion: 'v'.repeat(40_000) }))
  post('1 MiB of spaces', ' '.repeat(1 << 20))
  for (const origin of [
    'https://evil.example',
    'null',
    'https://shop.example.evil.example',
    'http://shop.example',
    'https://shop.example:443',
    'HTTPS://SHOP.EXAMPLE',
    'https://shop.example/',
  ]) {
    post(`origin ${origin}`, JSON.stringify(valid()), { 'content-type': 'application/json', origin })
  }
  // Query strings of the public history.
  for (const q of [
    '',
    'visitorId=',
    'visitorId=abc',
    `visitorId=${'A'.repeat(32)}`,
    `visitorId=${'a'.repeat(32)}&visitorId=${'b'.repeat(32)}`,
    `visitorId=${'a'.repeat(32)}&siteId=bad`,
    "visitorId=' OR 1=1 --",
  ]) {
    out.push({ name: `history ?${q}`, method: 'GET', path: `/v1/consents?${q}` })
  }
  // Path parameters and geo query of the config endpoint.
  for (const id of ['x', 'site_', "site_abc'--", 'site_%00abcd', 'site_../../x', 'site_nosuchsite', 'site_' + 'z'.repeat(70)]) {
    out.push({ name: `config for ${id}`, method: 'GET', path: `/v1/sites/${id}/config` })
  }
  for (const q of ['country=USA', 'country=1', 'country=', 'region=CALIFORNIA', 'country=US&region=C-A-X', 'country=US&country=DE']) {
    out.push({ name: `config ?${q}`, method: 'GET', path: `/v1/sites/${site.siteId}/config?${q}` })
  }
  // Admin: hostile Authorization headers on every admin route.
  const adminRoutes: [string, string][] = [
    ['GET', '/v1/admin/sites'],
    ['POST', '/v1/admin/sites'],
    ['GET', `/v1/admin/sites/${site.siteId}`],
    ['PATCH', `/v1/admin/sites/${site.siteId}`],
    ['POST', `/v1/admin/sites/${site.siteId}/config-versions`],
    ['GET', `/v1/admin/sites/${site.siteId}/consents`],
    ['GET', `/v1/admin/sites/${site.siteId}/consents/export`],
    ['POST', `/v1/admin/sites/${site.siteId}/subjects/erase`],
    ['GET', `/v1/admin/sites/${site.siteId}/verify`],
    ['POST', `/v1/admin/sites/${site.siteId}/purge`],
    ['POST', '/v1/admin/keys'],
  ]
  const auths = [
    '',
    'Bearer',
    'Bearer ',
    'Bearer x',
    'bearer csk_' + 'a'.repeat(32),
    'Basic YWRtaW46YWRtaW4=',
    'Bearer csk_a b',
    'Token abc',
    'Bearer ' + 'k'.repeat(5000),
    "Bearer ' OR 1=1 --",
  ]
  for (const [method, path] of adminRoutes) {
    for (const auth of auths) {
      out.push({
        name: `${method} ${path} auth ${JSON.stringify(auth.slice(0, 20))}`,
        method,
        path,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{"name":"x"}',
      })
    }
  }
  // Admin: hostile bodies and queries with a valid key.
  const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
  const adminBody = (name: string, method: string, path: string, body: unknown) =>
    out.push({ name, method, path, headers: auth, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const siteBodies: unknown[] = [
    {},
    { name: '' },
    { name: '   ' },
    { name: 'n'.repeat(201) },
    { name: 5 },
    { name: 'x', allowedOrigins: 'https://a.example' },
    { name: 'x', allowedOrigins: ['https://a.example/'] },
    { name: 'x', allowedOrigins: ['javascript:alert(1)'] },
    { name: 'x', allowedOrigins: ['*'] },
    { name: 'x', retentionDays: 0 },
    { name: 'x', retentionDays: -1 },
    { name: 'x', retentionDays: 1.5 },
    { name: 'x', retentionDays: '30' },
    { name: 'x', id: 'site_chosen1' },
    { name: 'x', headHash: '0'.repeat(64) },
    '[]',
    'null',
    '{',
  ]
  siteBodies.forEach((b, i) => adminBody(`site create body #${i}`, 'POST', '/v1/admin/sites', b))
  siteBodies.forEach((b, i) => adminBody(`site patch body #${i}`, 'PATCH', `/v1/admin/sites/${site.siteId}`, b))
  const configBodies: unknown[] = [
    {},
    { siteId: site.siteId },
    { siteId: site.siteId, name: 'x', controller: {}, policy: { revision: 1, url: 'https://a.example' } },
    { siteId: site.siteId, name: 'x', controller: { name: 'c' }, policy: { revision: 0, url: 'https://a.example' } },
    { siteId: site.siteId, name: 'x', controller: { name: 'c' }, policy: { revision: 1, url: 'javascript:x' } },
    {
      siteId: site.siteId,
      name: 'x',
      controller: { name: 'c' },
      policy: { revision: 1, url: 'https://a.example' },
      appearance: { accentColor: 'red; background:url(x)' },
    },
    { siteId: site.siteId, name: 'x', controller: { name: 'c' }, policy: { revision: 1, url: 'https://a.example' }, appearance: { font: '</style><script>' } },
    '{',
    'null',
    '[]',
  ]
  configBodies.forEach((b, i) => adminBody(`config publish body #${i}`, 'POST', `/v1/admin/sites/${site.siteId}/config-versions`, b))
  for (const q of [
    'limit=0',
    'limit=1001',
    'limit=abc',
    'cursor=-1',
    'cursor=abc',
    'from=-5',
    'to=yesterday',
    'method=nope',
    'jurisdiction=de',
    'visitorId=zz',
    'cursor=1&cursor=2',
  ]) {
    out.push({ name: `log ?${q}`, method: 'GET', path: `/v1/admin/sites/${site.siteId}/consents?${q}`, headers: auth })
    out.push({ name: `export ?${q}`, method: 'GET', path: `/v1/admin/sites/${site.siteId}/consents/export?${q}&format=xml`, headers: auth })
  }
  for (const b of [{}, { visitorId: 'x' }, { externalUserId: '' }, { visitorId: 'a'.repeat(32), extra: 1 }, '[]', '{']) {
    adminBody(`subject export ${JSON.stringify(b)}`, 'POST', `/v1/admin/sites/${site.siteId}/subjects/export`, b)
    adminBody(`subject erase ${JSON.stringify(b)}`, 'POST', `/v1/admin/sites/${site.siteId}/subjects/erase`, b)
  }
  for (const b of [{}, { label: '' }, { label: 'x', siteIds: [] }, { label: 'x', siteIds: ['nope'] }, { label: 'x', siteIds: 'site_abcd' }]) {
    adminBody(`key create ${JSON.stringify(b)}`, 'POST', '/v1/admin/keys', b)
  }
  return out
}
