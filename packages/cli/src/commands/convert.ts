import { convert } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { renderAndReport } from '../report-lines.js'
import { UsageError } from '../usage-error.js'

const help = `Usage: mdwx convert <path...> --out <dir> [options]

Markdown → Weixin-safe HTML. Every Markdown file (a folder means every *.md below it) becomes
<dir>/<relative path>.html holding exactly the content that would be sent. No network.

Options:
  --out <dir>               where to write the HTML (required)
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
