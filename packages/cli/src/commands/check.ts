import { check } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { renderAndReport } from '../report-lines.js'
import { UsageError } from '../usage-error.js'
import { renderOptionsHelp, pushOptionsHelp } from '../help-options.js'

const help = `Usage: mdwx check <path...> [options]

Render and validate every article (a folder means every *.md below it); nothing is written or
sent. Exit 1 when an article cannot be published.

Options:
${renderOptionsHelp}
${pushOptionsHelp}
  --json                    print a machine-readable report on stdout
  --quiet                   no progress on stderr
  -h, --help                this help`

export const checkCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'asset-root': 'strings', include: 'strings', exclude: 'strings', together: 'boolean', split: 'boolean', theme: 'string', math: 'string', json: 'boolean', quiet: 'boolean' }, 'check')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('mdwx check needs at least one file or folder.', 'Example: mdwx check posts/')
  return renderAndReport(io, { ...values, verb: 'checked' }, (options) => check(positionals, options))
}
