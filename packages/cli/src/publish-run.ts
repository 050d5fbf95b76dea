import { publish, type PublishOptions, type PublishReport } from '@mdwx/publish'
import { paint } from './colour.js'
import { articleLabel } from './format-messages.js'
import type { CommandIo } from './io.js'
import { articleProgress } from './progress.js'
import { formatPublishSummary } from './publish-summary.js'

/**
 * What `publish` and `demo` share: progress and notices on stderr
 * while publishing, then the summary table (or, with `json`, the whole report) on stdout. Returns
 * the exit code: 1 when an article failed or has errors, else 0.
 */
export async function publishAndReport(
  paths: readonly string[],
  options: PublishOptions,
  io: Pick<CommandIo, 'stdout' | 'stderr' | 'interactive' | 'cwd' | 'colour'>,
  output: { json?: boolean; quiet?: boolean } = {},
): Promise<number> {
  return publishAccountsAndReport(paths, [{ label: undefined, options }], io, output)
}

/**
 * Several accounts in one run (named accounts, DESIGN.md "Credentials and endpoints"): each
 * account's articles are published in turn, with their own client (token, limits) and lock-file
 * section; one account's failure does not stop the next. A summary per account follows, each
 * under its name; with `json`, one report per account (`{ accounts: [{ account, ...report }] }`),
 * or the plain report when the run had one account.
 */
export async function publishAccountsAndReport(
  paths: readonly string[],
  runs: ReadonlyArray<{ label: string | undefined; options: PublishOptions }>,
  io: Pick<CommandIo, 'stdout' | 'stderr' | 'interactive' | 'cwd' | 'colour'>,
  output: { json?: boolean; quiet?: boolean } = {},
): Promise<number> {
  const reports: Array<{ account: string | undefined; report: PublishReport }> = []
  for (const run of runs) {
    const progress = articleProgress(io, output.quiet === true || output.json === true)
    const label = run.label ?? 'the account of WEIXIN_APPID'
    if (runs.length > 1 && output.quiet !== true && output.json !== true) io.stderr.write(`Account ${label}${run.options.appId === undefined ? '' : ` (${run.options.appId})`}:\n`)
    const report = await publish(paths, {
      ...run.options,
      onPrepared: (count) => progress.start(count),
      onArticle: (article) => progress.done(articleLabel(article, io.cwd), article.status, article.path),
      onNotice: (message) => progress.notice(message),
    })
    progress.finish()
    reports.push({ account: run.label, report })
  }
  if (output.json) {
    const json = reports.length === 1 ? reports[0]!.report : { accounts: reports.map(({ account, report }) => ({ account: account ?? null, ...report })) }
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  } else {
    const paintWith = paint(io.colour)
    const parts = reports.map(({ account, report }) => `${reports.length > 1 ? `Account ${account ?? 'of WEIXIN_APPID'} (${report.appId})\n` : ''}${formatPublishSummary(report, io.cwd, paintWith)}`)
    io.stdout.write(`${parts.join('\n\n')}\n`)
  }
  return reports.some(({ report }) => report.totals.failed > 0 || report.errors > 0) ? 1 : 0
}
