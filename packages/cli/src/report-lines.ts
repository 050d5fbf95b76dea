import type { ArticleMessage } from '@mdwx/publish'
import { paint } from './colour.js'
import { formatMessage, formatTotals, type CheckedTotals } from './format-messages.js'
import type { CliIo } from './io.js'

/**
 * What `check` and `convert` print on stdout: the whole report as JSON, or every problem as a
 * `path:line:column` line followed by `extra` lines and the totals.
 */
export function printCheckedReport(
  report: CheckedTotals & { articles: ReadonlyArray<{ status: 'ok' | 'failed' | 'draft'; messages: ArticleMessage[] }> },
  io: Pick<CliIo, 'stdout' | 'cwd' | 'colour'>,
  options: { json: boolean; extra?: string[] },
): number {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } else {
    const colour = paint(io.colour)
    for (const article of report.articles) {
      for (const message of article.messages) io.stdout.write(`${formatMessage(message, io.cwd, colour)}\n`)
    }
    for (const line of options.extra ?? []) io.stdout.write(`${line}\n`)
    io.stdout.write(`${formatTotals(report, colour)}\n`)
  }
  return report.articles.some((article) => article.status === 'failed') ? 1 : 0
}
