import { check } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { renderAndReport } from '../report-lines.js'
import { UsageError } from '../usage-error.js'

const help = `Usage: mdwx check <path...> [options]

Render and validate every article (a folder means every *.md below it); nothing is written or
sent. Exit 1 when an article cannot be published.

Options:
  --theme <name|file.css>   theme to render with (default: default)
  --math auto|svg|image     formulas as text or SVG, the heaviest as uploaded pictures when the
                            article would be over the limit (auto, default); svg: never; image: all
  --asset-root <dir>        where pictures written as /images/x.png live (repeatable; the
                            site's static folder is found from its generator's config)
  --include <glob>          only the files matching it (repeatable; also "include" in mdwx.config.json)
  --exclude <glob>          leave out the files matching it (repeatable; "exclude" in the config)
  --together                the articles as one push, in the order given (a folder: file-name order);
                            else front matter "push:" and the config's "pushes" group them
  --split                   an article too long for one Weixin article goes out as a push of parts,
                            cut at headings (front matter "split: auto" does it for one article)
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
