import type { ArticleMessage, MarkdownFile } from '@mdwx/publish'
import { paint } from './colour.js'
import { articleLabel, formatMessage, formatTotals, type CheckedTotals } from './format-messages.js'
import type { CliIo } from './io.js'
import { articleProgress } from './progress.js'
import { fileOptions, type FileOptions } from './accounts-config.js'
import { mathFlag } from './values.js'

type CheckedReport = CheckedTotals & { articles: ReadonlyArray<{ status: 'ok' | 'failed' | 'draft'; messages: ArticleMessage[] }> }

/** What `check()` and `convert()` of @mdwx/publish are both given by the CLI. */
export interface RenderRunOptions extends FileOptions {
  cwd: string
  theme?: string
  math?: 'svg' | 'image'
  onDiscovered: (files: MarkdownFile[]) => void
  onArticle: (article: { path: string; status: 'ok' | 'failed' | 'draft'; push?: { name: string; index: number; total: number } }) => void
}

/**
 * The body of `check` and `convert`: progress on stderr while `run` renders (each article labelled
 * by its path from the working folder, as the messages are), then the report on stdout. Returns
 * the exit code: 1 when an article cannot be published.
 */
export async function renderAndReport<R extends CheckedReport>(
  io: Pick<CliIo, 'stdout' | 'stderr' | 'interactive' | 'cwd' | 'colour'>,
  flags: {
    theme?: string | undefined
    math?: string | undefined
    'asset-root'?: string[] | undefined
    include?: string[] | undefined
    exclude?: string[] | undefined
    together?: boolean | undefined
    split?: boolean | undefined
    json?: boolean | undefined
    quiet?: boolean | undefined
    verb: string
  },
  run: (options: RenderRunOptions) => Promise<R>,
  extra: (report: R) => string[] = () => [],
): Promise<number> {
  const math = mathFlag(flags.math)
  const files = await fileOptions(flags, io.cwd)
  const progress = articleProgress(io, flags.quiet === true || flags.json === true)
  const report = await run({
    cwd: io.cwd,
    ...(flags.theme === undefined ? {} : { theme: flags.theme }),
    ...(math === undefined ? {} : { math }),
    ...files,
    onDiscovered: (files) => progress.start(files.length),
    onArticle: (article) => progress.done(articleLabel(article, io.cwd), article.status === 'failed' ? 'failed' : flags.verb, article.path),
  })
  progress.finish()
  return printCheckedReport(report, io, { json: flags.json === true, extra: extra(report) })
}

/**
 * What `check` and `convert` print on stdout: the whole report as JSON, or every problem as a
 * `path:line:column` line followed by `extra` lines and the totals.
 */
function printCheckedReport(report: CheckedReport, io: Pick<CliIo, 'stdout' | 'cwd' | 'colour'>, options: { json: boolean; extra: string[] }): number {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } else {
    const colour = paint(io.colour)
    // The parts of a split article share their file's messages (a warning in the part it is in,
    // the cover note in each): a line already printed is not printed again.
    const printed = new Set<string>()
    for (const article of report.articles) {
      for (const message of article.messages) {
        const line = formatMessage(message, io.cwd, colour)
        if (!printed.has(line)) io.stdout.write(`${line}\n`)
        printed.add(line)
      }
    }
    for (const line of options.extra) io.stdout.write(`${line}\n`)
    io.stdout.write(`${formatTotals(report, colour)}\n`)
  }
  return report.articles.some((article) => article.status === 'failed') ? 1 : 0
}
