import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expectOption } from '@mdwx/errors'
import { articleError } from './article-message.js'
import { summarise, toChecked, withThreads, type CheckedArticle } from './check.js'
import { withCoverChecked } from './cover.js'
import { discoverMarkdown, outputNameOf, type MarkdownFile } from './discover.js'
import { createImageCatalog } from './image-catalog.js'
import { assetImageUrls } from './local-images.js'
import { renderFiles, type RenderedFile } from './render-files.js'
import { renderSettingsFrom } from './render-settings.js'
import type { ThemeSource } from './theme-source.js'

export interface ConvertOptions {
  /** Folder the HTML files are written to, mirroring the Markdown files' layout. */
  out: string
  cwd?: string
  /** Globs a file must match to be taken (against its path from `cwd`, `--include`); all files when none. */
  include?: readonly string[]
  /** Globs that leave a file out (`--exclude`). */
  exclude?: readonly string[]
  /** Folders where root-relative pictures (`/images/x.png`) live, before the site's own static folders (found from its generator's config). */
  assetRoots?: readonly string[]
  theme?: ThemeSource
  /** TeX formulas as inline SVG (default) or as pictures uploaded like images (`--math=image`), for articles over the limit. */
  math?: 'svg' | 'image'
  threads?: number
  /** Called once the files are known, before any is rendered (progress bars need the total). */
  onDiscovered?: (files: MarkdownFile[]) => void
  onArticle?: (article: ConvertedArticle) => void
}

export interface ConvertedArticle extends CheckedArticle {
  /** Absolute path of the HTML written; absent when nothing could be rendered. */
  output?: string
}

export interface ConvertReport {
  articles: ConvertedArticle[]
  errors: number
  warnings: number
}

/**
 * Markdown → Weixin-safe HTML files: `<out>/<relative path>.html` holds exactly the `content`
 * that would be sent, except that images point at their normalised copies in `<out>/assets`
 * instead of Weixin's servers. Articles that cannot be published are still written (so they can
 * be looked at) and reported; one failing file never stops the others. No network: http(s)
 * images keep their URL.
 */
export async function convert(paths: readonly string[], options: ConvertOptions): Promise<ConvertReport> {
  expectOption(typeof options?.out === 'string' && options.out.length > 0, 'an output folder', 'out', options?.out)
  const cwd = options.cwd ?? process.cwd()
  const out = path.resolve(cwd, options.out)
  const files = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  options.onDiscovered?.(files)
  const settings = await renderSettingsFrom(options, cwd, files)
  const writes: Promise<ConvertedArticle>[] = []
  const htmlPathOf = (file: MarkdownFile) => path.join(out, outputNameOf(file) + '.html')
  const catalog = createImageCatalog({ lock: undefined })
  const imageUrlFor = assetImageUrls(catalog, path.join(out, 'assets'), htmlPathOf)
  // posts/a.md and drafts/a.md both map to <out>/a.html (as do posts/a.md and posts/a/index.md):
  // the first found keeps it, the other is an error.
  const ownerOf = new Map<string, string>()
  for (const file of files) if (!ownerOf.has(htmlPathOf(file))) ownerOf.set(htmlPathOf(file), file.path)
  await renderFiles(files, settings, withThreads(options.threads, {
    imageUrlFor,
    onRendered: (rendered: RenderedFile) => {
      const output = htmlPathOf(rendered.file)
      const owner = ownerOf.get(output)!
      const written = withCoverChecked(rendered, catalog).then((result) =>
        owner === result.file.path ? writeArticle(result, output) : collision(result, output, owner),
      )
      writes.push(written)
      if (options.onArticle) void written.then(options.onArticle)
    },
  }))
  const articles = await Promise.all(writes)
  const order = new Map(files.map((file, index) => [file.path, index]))
  articles.sort((a, b) => order.get(a.path)! - order.get(b.path)!)
  return summarise(articles)
}

function collision(result: RenderedFile, output: string, owner: string): ConvertedArticle {
  const article: ConvertedArticle = toChecked(result)
  article.status = 'failed'
  article.messages.push(
    articleError(result.file.path, `Not written: ${output} is the output of ${owner} too.`, {
      ruleId: 'output-collision',
      hint: 'Two folders hold a file of the same name. Convert them one at a time, each with its own --out.',
    }),
  )
  return article
}

async function writeArticle(result: RenderedFile, output: string): Promise<ConvertedArticle> {
  const article: ConvertedArticle = toChecked(result)
  if (result.rendered === undefined) return article
  try {
    await mkdir(path.dirname(output), { recursive: true })
    await writeFile(output, result.rendered.html)
    article.output = output
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause)
    article.messages.push(articleError(result.file.path, `Cannot write ${output} (${reason}).`, { ruleId: 'output-unwritable' }))
    article.status = 'failed'
  }
  return article
}
