import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadOpenCookieDatabase } from './classify/ocd-file'
import { failureReasons, FAIL_ON, type FailOn } from './report/changes'
import { parseDeclaration } from './report/declaration'
import { renderMarkdown } from './report/markdown'
import { scanResultSchema } from './report/result-schema'
import { scanSite } from './scan'

export const SCAN_USAGE = `consentry scan <url> [options]

  --max-pages <n>        pages per pass (default 20)
  --depth <n>            link hops from <url> when there is no sitemap (default 3)
  --concurrency <n>      pages open at once (default 3)
  --country <CC>         visit as from this country (ISO 3166-1, e.g. DE, US)
  --region <R>           ... and region (e.g. CA with --country US)
  --gpc                  send Global Privacy Control
  --config <file>        the site's configuration (default: what the page's Consentry reports)
  --previous <file>      a previous JSON result, for "what changed"
  --ocd <file>           the Open Cookie Database CSV (default CONSENTRY_OCD_PATH, else ../shared/open-cookie-database.csv)
  --format json|md       output format (default md)
  --out <file>           write the report there instead of stdout
  --fail-on <list>       exit 1 when any holds: new, undeclared, before-consent (comma-separated or repeated)
  --url <url>            an extra page to scan (repeatable)

Chromium: /usr/bin/chromium or CHROMIUM_PATH. Progress goes to stderr, the report to stdout.`

/** Bad arguments: exit code 2. */
export class ScanUsageError extends Error {}

export interface ScanIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const int = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new ScanUsageError(`--${name} must be a whole number, not "${value}"`)
  return n
}

const readJson = (flag: string, file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ScanUsageError(`--${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * `consentry scan <url>`: scans, prints a progress line per page to stderr and the report to stdout (or --out).
 * Returns the exit code: 0, 1 when a `--fail-on` condition holds. Throws ScanUsageError on bad arguments.
 */
export async function runScanCommand(argv: string[], io: ScanIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'max-pages': { type: 'string' },
      depth: { type: 'string' },
      concurrency: { type: 'string' },
      country: { type: 'string' },
      region: { type: 'string' },
      gpc: { type: 'boolean' },
      config: { type: 'string' },
      previous: { type: 'string' },
      ocd: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string', multiple: true },
      url: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.stdout(`${SCAN_USAGE}\n`)
    return 0
  }
  const [url] = positionals
  if (!url) throw new ScanUsageError(SCAN_USAGE)
  if (!/^https?:\/\//.test(url)) throw new ScanUsageError(`<url> must be an http(s) URL, not "${url}"`)
  const format = values.format ?? 'md'
  if (format !== 'json' && format !== 'md') throw new ScanUsageError(`--format must be json or md, not "${format}"`)
  const failOn = (values['fail-on'] ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new ScanUsageError(`--fail-on takes ${FAIL_ON.join(', ')}, not "${f}"`)
  if (values.country && !/^[A-Za-z]{2}$/.test(values.country)) throw new ScanUsageError(`--country must be a two-letter country code, not "${values.country}"`)
  if (values.region && !values.country) throw new ScanUsageError('--region needs --country')
  if (failOn.includes('new') && !values.previous) throw new ScanUsageError('--fail-on new needs --previous <file> (a previous JSON result) to compare with')

  let config = null
  if (values.config) {
    try {
      config = parseDeclaration(readJson('config', values.config))
    } catch (error) {
      throw new ScanUsageError(`--config ${values.config}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  let previous = null
  if (values.previous) {
    const parsed = scanResultSchema.safeParse(readJson('previous', values.previous))
    if (!parsed.success)
      throw new ScanUsageError(
        `--previous ${values.previous} is not a JSON scan result (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
      )
    previous = parsed.data
  }
  let ocd: ReturnType<typeof loadOpenCookieDatabase>
  try {
    ocd = loadOpenCookieDatabase(values.ocd ?? null)
  } catch (error) {
    throw new ScanUsageError(error instanceof Error ? error.message : String(error))
  }
  if (ocd) io.stderr(`Open Cookie Database: ${ocd.entries.length} entries from ${ocd.path} (${ocd.rejected.length} rejected)\n`)

  const result = await scanSite({
    url,
    maxPages: int('max-pages', values['max-pages'], 20),
    maxDepth: int('depth', values.depth, 3),
    concurrency: int('concurrency', values.concurrency, 3),
    country: values.country ?? null,
    region: values.region ?? null,
    gpc: values.gpc ?? false,
    config,
    ocd: ocd ? { path: ocd.path, entries: ocd.entries, rejected: ocd.rejected.length } : null,
    previous,
    extraUrls: values.url ?? [],
    onProgress: (p) =>
      io.stderr(`[${p.pass} ${p.done}/${Math.max(p.total, p.done)}] ${p.status ?? 'ERR'} ${p.url} (${p.ms} ms)${p.error ? ` ${p.error}` : ''}\n`),
  })
  const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderMarkdown(result)
  if (values.out) writeFileSync(values.out, text)
  else io.stdout(text)
  const reasons = failureReasons(result, failOn as FailOn[])
  io.stderr(`${result.pages.length} page(s), ${result.findings.length} finding(s) in ${((result.finishedAt - result.startedAt) / 1000).toFixed(1)} s\n`)
  for (const r of reasons) io.stderr(`fail: ${r}\n`)
  return reasons.length ? 1 : 0
}
