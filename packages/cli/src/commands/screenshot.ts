import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { MdwxBrowser } from '@mdwx/browser'
import { countProblems, outputNameOf, renderArticleViews, type ArticleMessage, type ArticleView, type CheckedArticle, type MarkdownFile } from '@mdwx/publish'
import { parseCommandArgs } from '../args.js'
import { loadBrowserPackage, type BrowserPackage } from '../browser-package.js'
import type { Command } from '../io.js'
import { renderAndReport, type RenderRunOptions } from '../report-lines.js'
import { UsageError } from '../usage-error.js'
import { renderOptionsHelp, pushOptionsHelp } from '../help-options.js'

const help = `Usage: mdwx screenshot <path...> [--out <dir>] [options]

What each article will look like on a phone: a PNG per Markdown file (a folder means every *.md
below it), <dir>/<relative path>.png, of exactly the HTML "mdwx publish" would send with the
pictures it would upload, in a 390-px-wide phone column at device scale 2 (780 px wide), title
and author above it as the Weixin app shows them. No network: http(s) pictures stay empty.
Uses the system's Chromium, else the one installed with mdwx (MDWX_CHROMIUM picks one).

Options:
  --out <dir>               where to write the PNG files (default: screenshots)
  --dark                    the app's dark mode instead (<relative path>.dark.png)
${renderOptionsHelp}
${pushOptionsHelp}
  --json                    print a machine-readable report on stdout (each article's "output")
  --quiet                   no progress on stderr
  -h, --help                this help`

export interface ScreenshotArticle extends CheckedArticle {
  /** Absolute path of the PNG written; absent when none could be made. */
  output?: string
}

export interface ScreenshotReport {
  articles: ScreenshotArticle[]
  errors: number
  warnings: number
}

export const screenshotCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'asset-root': 'strings', include: 'strings', exclude: 'strings', together: 'boolean', split: 'boolean', out: 'string', dark: 'boolean', theme: 'string', math: 'string', json: 'boolean', quiet: 'boolean' }, 'screenshot')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('mdwx screenshot needs at least one file or folder.', 'Example: mdwx screenshot posts/ --out shots')
  const out = values.out ?? 'screenshots'
  // Before any article is rendered: without the browser there is nothing to do but say how to install it.
  const browserPackage = await loadBrowserPackage()
  return renderAndReport(
    io,
    { ...values, verb: 'screenshot' },
    (options) => screenshotAll(browserPackage, positionals, path.resolve(io.cwd, out), values.dark === true, io.env, options),
    (report) => {
      const written = report.articles.filter((article) => article.output !== undefined).length
      return [`${written} PNG ${written === 1 ? 'file' : 'files'} written to ${out}`]
    },
  )
}

/**
 * Renders the articles and photographs each as soon as it is rendered, one at a time in one
 * browser (rendering the next articles meanwhile). The browser starts once the paths are known
 * to exist, while the first articles render.
 */
async function screenshotAll(
  { openBrowser, screenshotArticle }: BrowserPackage,
  paths: string[],
  out: string,
  dark: boolean,
  env: Readonly<Record<string, string | undefined>>,
  options: RenderRunOptions,
): Promise<ScreenshotReport> {
  let browser: Promise<MdwxBrowser> | undefined
  let queue: Promise<unknown> = Promise.resolve()
  const outputs = new Map<string, ScreenshotArticle>()
  // posts/a.md and drafts/a.md both map to <out>/a.png: the first found keeps it (as in convert), the other fails.
  const ownerOf = new Map<string, string>()
  const outputOf = (file: Pick<MarkdownFile, 'path' | 'relativePath'>) => path.join(out, `${outputNameOf(file)}${dark ? '.dark' : ''}.png`)
  try {
    const report = await renderArticleViews(paths, {
      ...options,
      onDiscovered: (files: MarkdownFile[]) => {
        for (const file of files) if (!ownerOf.has(outputOf(file))) ownerOf.set(outputOf(file), file.path)
        options.onDiscovered(files)
        browser = openBrowser({ env })
        browser.catch(() => {}) // reported where it is awaited
      },
      onArticle: (view: ArticleView) => {
        const shot = queue.then(async () => {
          const article = await photograph(view, await browser!, screenshotArticle, outputOf(view), dark, ownerOf)
          outputs.set(view.path, article)
          options.onArticle(article)
        })
        queue = shot.catch(() => {})
        return shot
      },
    })
    const articles = report.articles.map((article) => outputs.get(article.path) ?? article)
    return { articles, ...countProblems(articles) }
  } finally {
    await browser?.then((running) => running.close()).catch(() => {})
  }
}

/** One article's PNG; a picture that cannot be made or written fails that article only. */
async function photograph(
  view: ArticleView,
  browser: MdwxBrowser,
  screenshotArticle: BrowserPackage['screenshotArticle'],
  output: string,
  dark: boolean,
  ownerOf: ReadonlyMap<string, string>,
): Promise<ScreenshotArticle> {
  const { html, author, coverUrl, assets, ...checked } = view
  const article: ScreenshotArticle = { ...checked, messages: [...checked.messages] }
  if (html === '') return article
  const owner = ownerOf.get(output)
  if (owner !== undefined && owner !== view.path) return failed(article, `Not written: ${output} is the screenshot of ${owner} too.`, 'output-collision', 'Two folders hold a file of the same name. Take them one at a time, each with its own --out.')
  let png: Uint8Array
  try {
    png = await screenshotArticle({ html, title: view.title, author, coverUrl, files: assets }, { browser, dark })
  } catch (error) {
    return failed(article, `Cannot take the screenshot: ${(error as Error).message.split('\n')[0]}`, 'screenshot-failed')
  }
  try {
    await mkdir(path.dirname(output), { recursive: true })
    await writeFile(output, png)
  } catch (cause) {
    return failed(article, `Cannot write ${output} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`, 'output-unwritable')
  }
  article.output = output
  return article
}

function failed(article: ScreenshotArticle, message: string, ruleId: string, hint?: string): ScreenshotArticle {
  const problem: ArticleMessage = { path: article.path, severity: 'error', message, ruleId }
  if (hint !== undefined) problem.hint = hint
  article.messages.push(problem)
  if (article.status !== 'draft') article.status = 'failed'
  return article
}
