import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliForTest } from '../../api/test/build-cli'
import { startDemo, type RunningDemo } from '../../../examples/demo/test/start-demo'
import { scanResultSchema } from '../src/index'

const run = promisify(execFile)

// `consentry scan` of the running demo, as the docs say: the built CLI against the built demo server on a free port.
describe('consentry scan of the demo', () => {
  let demo: RunningDemo
  let cli: string
  let dir: string
  beforeAll(async () => {
    ;[demo, cli] = await Promise.all([startDemo({ command: 'server' }), Promise.resolve(buildCliForTest())])
    dir = mkdtempSync(join(tmpdir(), 'consentry-scan-'))
  })
  afterAll(async () => {
    await demo?.stop()
    if (cli) rmSync(dirname(cli), { recursive: true, force: true })
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  const scan = (...args: string[]) => run(process.execPath, [cli, 'scan', `${demo.origin}/site/`, ...args], { maxBuffer: 64 * 1024 * 1024 })

  it('scans the demo in three passes with a progress line per page, and finds nothing set before consent', async () => {
    const { stdout, stderr } = await scan('--format', 'json', '--max-pages', '4', '--fail-on', 'before-consent,undeclared')
    const result = scanResultSchema.parse(JSON.parse(stdout))
    expect(result.consentry).toMatchObject({ detected: true, siteId: 'site_demo0001' })
    expect(result.passes).toEqual(['before', 'reject', 'accept'])
    expect(result.pages.map((p) => new URL(p.url).pathname)).toContain('/site/privacy.html')
    expect(stderr).toMatch(new RegExp(`^\\[before 1/\\d+\\] 200 ${demo.origin}/site/ \\(\\d+ ms\\)$`, 'm'))
    expect(stderr.match(/^\[(before|reject|accept) \d+\/\d+\] /gm)).toHaveLength(result.pages.length * 3)
    expect(result.findings.filter((f) => f.kind === 'before_consent' || f.kind === 'after_reject' || f.kind === 'undeclared')).toEqual([])
    // The demo's gated analytics tag runs only once accepted, and its cookie is the one the site declares.
    const daId = result.cookies.find((c) => c.name === '_da_id')
    expect(daId).toMatchObject({ passes: ['accept'], classification: { declared: { serviceId: 'demo-analytics' } } })
    writeFileSync(join(dir, 'previous.json'), stdout)
  })

  it('exits 1 for CI when a cookie is undeclared, and reports what is new since a previous scan', async () => {
    // A declaration that forgets the ads service: its cookie becomes undeclared, and proposed from… nowhere (unknown to our data).
    const config = {
      services: [
        {
          id: 'demo-analytics',
          name: 'Demo Analytics',
          provider: 'Demo',
          category: 'analytics',
          purpose: 'Counts.',
          privacyPolicyUrl: 'https://demo.invalid/p',
          storage: [
            { name: '_da_id', lifetime: 63072000, description: 'Visitor', party: 'first' },
            { name: '_da_s_', match: 'prefix', lifetime: 1800, description: 'Visit', party: 'first' },
          ],
        },
      ],
    }
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
    const failed = await scan(
      '--format',
      'md',
      '--max-pages',
      '1',
      '--config',
      join(dir, 'config.json'),
      '--previous',
      join(dir, 'previous.json'),
      '--fail-on',
      'undeclared,new',
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toMatch(/^fail: undeclared: .*_dads_uid/m)
    expect(failed?.stdout).toContain('## Not in the declaration')
    expect(failed?.stdout).toMatch(/\*\*unclassified\*\*: cookie `_dads_uid`/)
    // The same cookies as the previous scan (the visit cookie's id differs, its declared prefix does not): nothing new.
    expect(failed?.stderr).not.toMatch(/^fail: new since/m)
  })

  it('exits 2 naming the problem on bad arguments', async () => {
    await expect(scan('--fail-on', 'new')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--fail-on new needs --previous') })
    await expect(scan('--ocd', '/nonexistent/ocd.csv')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Open Cookie Database not found at /nonexistent/ocd.csv (from --ocd)'),
    })
    await expect(scan('--format', 'xml')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be json or md') })
    await expect(run(process.execPath, [cli, 'scan', 'ftp://example.com/'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('must be an http(s) URL'),
    })
  })
})
