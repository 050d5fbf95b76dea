import { publish, type PublishOptions } from '@mdwx/publish'
import { paint } from './colour.js'
import { displayPath } from './format-messages.js'
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
  const progress = articleProgress(io, output.quiet === true || output.json === true)
  const report = await publish(paths, {
    ...options,
    onPrepared: (count) => progress.start(count),
    onArticle: (article) => progress.done(displayPath(article.path, io.cwd), article.status),
    onNotice: (message) => progress.notice(message),
  })
  progress.finish()
  if (output.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else io.stdout.write(`${formatPublishSummary(report, io.cwd, paint(io.colour))}\n`)
  return report.totals.failed > 0 || report.errors > 0 ? 1 : 0
}
