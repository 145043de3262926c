import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { consentExportQuerySchema, formatIssues, siteCreateSchema } from '@consentry/shared/schemas'
import { runScanCommand, ScanUsageError } from '@consentry/scanner'
import { openStore } from './db/open-store'
import { purgeExpired } from './db/paging'
import type { RecordStore } from './db/store'
import { newApiKey } from './middleware/admin-auth'
import type { Checkpoint } from './records/chain-audit'
import { auditSite } from './records/site-audit'
import { loadSigner } from './records/signing'
import { exportStream } from './records/export'
import { readEnv, startServer } from './server'
import { deleteSite, newSite, siteView } from './sites'

const USAGE = `consentry <command>

  serve                                   start the API (PORT, HOST, DATABASE_URL, CONSENTRY_* from the environment)
  migrate                                 apply database migrations and exit
  site create --name <n> [--origin <o>]… [--retention-days <d>]
  site delete <siteId> --confirm <siteId> delete a site and its configurations; refused while it holds records within retention
  key create --label <l> [--site <siteId>]…   omit --site for an all-sites key; prints the secret once
  key revoke <keyId>
  verify <siteId> [--checkpoint <file>]…  check the site's log end to end, also against checkpoints saved from
                                          GET /v1/sites/<siteId>/checkpoints; exit 1 when broken
  purge [<siteId>]                        delete records past retention (every site with retention when omitted)
  export <siteId> [--format ndjson|csv] [--from ms] [--to ms] [--visitor-id v] [--external-user-id u] [--jurisdiction j] [--method m]
  scan <url> [--max-pages n] [--format json|md] [--fail-on new,undeclared,before-consent] …   cookie scan (consentry scan --help)

The database is DATABASE_URL (postgres://… for PostgreSQL; default SQLite file ./data/consentry.db, the file
\`npm start\` uses when run from the repository root). Every command prints the database it opened on stderr.

Exit codes: 0 done; 1 failed (verify found the log broken, or an error); 2 usage error; 3 no such site or key.`

/** Exit codes, the same for every command (documented in the usage text). */
const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3 } as const

class UsageError extends Error {}
class NotFoundError extends Error {}

/** Checkpoints saved to a file: one, a list, or the answer of `GET /v1/sites/<siteId>/checkpoints`. */
function readCheckpoints(file: string): Checkpoint[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`--checkpoint ${file}: ${(error as Error).message}`)
  }
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed && 'checkpoints' in parsed
      ? (parsed as { checkpoints: unknown }).checkpoints
      : [parsed]
  if (
    !Array.isArray(list) ||
    !list.every((c) => typeof c === 'object' && c && typeof c.treeSize === 'number' && typeof c.head === 'string' && typeof c.signature === 'string')
  ) {
    throw new UsageError(`--checkpoint ${file}: not a checkpoint or a list of checkpoints`)
  }
  return list as Checkpoint[]
}

/** The database a URL names, for people: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
function describeDatabase(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) return `PostgreSQL ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url
  return `SQLite ${path === ':memory:' ? path : resolve(path)}`
}

async function withStore<T>(fn: (store: RecordStore) => Promise<T>): Promise<T> {
  const url = readEnv().databaseUrl
  console.error(`database: ${describeDatabase(url)}`)
  const store = await openStore(url)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)

/** `parseArgs`, its own errors (unknown option, missing value) turned into usage errors. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'retention-days': { type: 'string' },
        label: { type: 'string' },
        confirm: { type: 'string' },
        site: { type: 'string', multiple: true },
        format: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'visitor-id': { type: 'string' },
        'external-user-id': { type: 'string' },
        jurisdiction: { type: 'string' },
        method: { type: 'string' },
        checkpoint: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    // ERR_PARSE_ARGS_UNKNOWN_OPTION, …_INVALID_OPTION_VALUE (`--name` without a value, `--retention-days -5`).
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`)
  }
}

async function main(argv: string[]): Promise<number> {
  // `scan` has options of its own, parsed by the scanner package.
  if (argv[0] === 'scan') {
    const io = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t) }
    return runScanCommand(argv.slice(1), io).catch((error: unknown) => {
      throw error instanceof ScanUsageError ? new UsageError(error.message) : error
    })
  }
  const { values, positionals } = parseCommandLine(argv)
  const [command, sub, arg] = positionals
  if (values.help) {
    console.log(USAGE)
    return EXIT.ok
  }
  if (!command) throw new UsageError(USAGE)
  switch (`${command}${sub && ['site', 'key'].includes(command) ? ` ${sub}` : ''}`) {
    case 'serve': {
      console.error(`database: ${describeDatabase(readEnv().databaseUrl)}`)
      const running = await startServer(readEnv())
      console.log(`consentry API listening on http://${readEnv().host}:${running.port} (${running.store.dialect}); console at /admin/`)
      const stop = () => void running.close().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      return -1
    }
    case 'migrate':
      await withStore(async (store) => console.log(`migrated (${store.dialect})`))
      return EXIT.ok
    case 'site create': {
      const parsed = siteCreateSchema.safeParse({
        name: values.name,
        allowedOrigins: values.origin ?? [],
        retentionDays: values['retention-days'] === undefined ? null : Number(values['retention-days']),
      })
      if (!parsed.success)
        throw new UsageError(
          formatIssues(parsed.error)
            .map((i) => `${i.path}: ${i.message}`)
            .join('\n'),
        )
      const site = newSite(parsed.data)
      await withStore((store) => store.insertSite(site))
      print(siteView(site))
      return EXIT.ok
    }
    case 'site delete': {
      if (!arg) throw new UsageError('site delete <siteId> --confirm <siteId>')
      if (values.confirm !== arg) throw new UsageError(`--confirm must repeat the site id (${arg})`)
      const result = await withStore(async (store) => {
        const site = await store.getSite(arg)
        if (!site) throw new UsageError(`no site ${arg}`)
        return deleteSite(store, await loadSigner(store, readEnv().signingKey), site)
      })
      print({ siteId: arg, ...result })
      if (!result.deleted) console.error(`kept: ${result.records} records are within retention; they are proof and go only when it ends`)
      return result.deleted ? 0 : 1
    }
    case 'key create': {
      if (!values.label) throw new UsageError('--label is required')
      const { secret, row } = newApiKey(values.label, values.site?.length ? values.site : null)
      await withStore(async (store) => {
        for (const id of values.site ?? []) if (!(await store.getSite(id))) throw new NotFoundError(`no site ${id}`)
        await store.insertApiKey(row)
      })
      print({ id: row.id, key: secret, label: row.label, siteIds: row.siteIds })
      return EXIT.ok
    }
    case 'key revoke': {
      if (!arg) throw new UsageError('key revoke <keyId>')
      const revoked = await withStore((store) => store.revokeApiKey(arg, Date.now()))
      if (!revoked) throw new NotFoundError(`no active key ${arg}`)
      console.log(`revoked ${arg}`)
      return EXIT.ok
    }
    case 'verify': {
      if (!sub) throw new UsageError('verify <siteId>')
      const saved = (values.checkpoint ?? []).flatMap(readCheckpoints)
      const report = await withStore(async (store) => {
        const site = await store.getSite(sub)
        if (!site) throw new NotFoundError(`no site ${sub}`)
        const signer = await loadSigner(store, readEnv().signingKey)
        return auditSite(store, sub, signer.publicKey, saved)
      })
      print({ siteId: sub, ...report })
      return report.valid ? EXIT.ok : EXIT.failed
    }
    case 'purge': {
      const results = await withStore(async (store) => {
        const sites = sub ? [await store.getSite(sub)] : await store.listSites()
        const out: { siteId: string; deleted: number }[] = []
        for (const site of sites) {
          if (!site) throw new NotFoundError(`no site ${sub}`)
          if (site.retentionDays !== null)
            out.push({ siteId: site.id, deleted: await purgeExpired(store, await loadSigner(store, readEnv().signingKey), site.id, site.retentionDays) })
        }
        return out
      })
      print(results)
      return EXIT.ok
    }
    case 'export': {
      if (!sub) throw new UsageError('export <siteId>')
      const query = consentExportQuerySchema.safeParse({
        format: values.format,
        from: values.from,
        to: values.to,
        visitorId: values['visitor-id'],
        externalUserId: values['external-user-id'],
        jurisdiction: values.jurisdiction,
        method: values.method,
      })
      if (!query.success)
        throw new UsageError(
          formatIssues(query.error)
            .map((i) => `${i.path}: ${i.message}`)
            .join('\n'),
        )
      const { format, ...filter } = query.data
      await withStore(async (store) => {
        if (!(await store.getSite(sub))) throw new NotFoundError(`no site ${sub}`)
        await exportStream(store, sub, filter, format).pipeTo(Writable.toWeb(process.stdout))
      })
      return EXIT.ok
    }
    default:
      throw new UsageError(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    // One style for every failure: `consentry: <message>` on stderr, no stack (CONSENTRY_DEBUG=1 shows it).
    const message = error instanceof Error ? error.message : String(error)
    console.error(`consentry: ${message}`)
    if (process.env.CONSENTRY_DEBUG === '1' && error instanceof Error && !(error instanceof UsageError)) console.error(error.stack)
    process.exitCode = error instanceof UsageError ? EXIT.usage : error instanceof NotFoundError ? EXIT.notFound : EXIT.failed
  },
)
