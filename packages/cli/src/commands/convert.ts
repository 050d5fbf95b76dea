import { convert } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { renderAndReport } from '../report-lines.js'
import { UsageError } from '../usage-error.js'
import { renderOptionsHelp, pushOptionsHelp } from '../help-options.js'

const help = `Usage: mdwx convert <path...> --out <dir> [options]

Markdown → Weixin-safe HTML. Every Markdown file (a folder means every *.md below it) becomes
<dir>/<relative path>.html holding exactly the content that would be sent. No network.

Options:
  --out <dir>               where to write the HTML (required)
${renderOptionsHelp}
${pushOptionsHelp}
  --json                    print a machine-readable report on stdout
  --quiet                   no progress on stderr
  -h, --help                this help`

export const convertCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'asset-root': 'strings', include: 'strings', exclude: 'strings', together: 'boolean', split: 'boolean', out: 'string', theme: 'string', math: 'string', json: 'boolean', quiet: 'boolean' }, 'convert')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('mdwx convert needs at least one file or folder.', 'Example: mdwx convert posts/ --out dist/weixin')
  const out = values.out
  if (out === undefined) throw new UsageError('mdwx convert needs --out <dir>.', 'Example: mdwx convert posts/ --out dist/weixin')
  return renderAndReport(
    io,
    { ...values, verb: 'converted' },
    (options) => convert(positionals, { ...options, out }),
    (report) => {
      const written = report.articles.filter((article) => article.output !== undefined).length
      return [`${written} HTML ${written === 1 ? 'file' : 'files'} written to ${out}`]
    },
  )
}
