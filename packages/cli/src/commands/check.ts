import { check, type CheckedArticle } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { articleProgress } from '../progress.js'
import { printCheckedReport } from '../report-lines.js'
import { UsageError } from '../usage-error.js'

const help = `Usage: mdwx check <path...> [options]

Render and validate every article (a folder means every *.md below it); nothing is written or
sent. Exit 1 when an article cannot be published.

Options:
  --theme <name|file.css>   theme to render with (default: default)
  --json                    print a machine-readable report on stdout
  --quiet                   no progress on stderr
  -h, --help                this help`

export const checkCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { theme: 'string', json: 'boolean', quiet: 'boolean' }, 'check')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('mdwx check needs at least one file or folder.', 'Example: mdwx check posts/')
  const progress = articleProgress(io, 'checked', values.quiet === true || values.json === true)
  const report = await check(positionals, {
    cwd: io.cwd,
    ...(values.theme === undefined ? {} : { theme: values.theme }),
    onDiscovered: (files) => progress.start(files.length),
    onArticle: (article: CheckedArticle) => progress.done(article.relativePath, article.status === 'failed'),
  })
  progress.finish()
  return printCheckedReport(report, io, { json: values.json === true })
}
