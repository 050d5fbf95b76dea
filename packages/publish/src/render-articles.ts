import { createHash } from 'node:crypto'
import type { ImageRef } from '@mdwx/render'
import { countProblems, hasErrors, type ArticleMessage } from './article-message.js'
import { contentSize } from './content-size.js'
import { withCoverChecked } from './cover.js'
import { discoverMarkdown, type MarkdownFile } from './discover.js'
import { createImageCatalog, type CatalogImage, type ImageCatalog } from './image-catalog.js'
import { isRemote } from './local-images.js'
import { renderFiles, type RenderedFile } from './render-files.js'
import { renderSettingsFrom } from './render-settings.js'
import { createStandIns } from './stand-ins.js'
import type { ThemeSource } from './theme-source.js'
import { weixinLimitProblems } from './weixin-limits.js'

/** What `check`, `convert`, `renderArticleViews` (screenshots) are all given. */
export interface RenderArticlesOptions {
  cwd?: string
  /** Globs a file must match to be taken (against its path from `cwd`, `--include`); all files when none. */
  include?: readonly string[]
  /** Globs that leave a file out (`--exclude`). */
  exclude?: readonly string[]
  /** Folders where root-relative pictures (`/images/x.png`) live, before the site's own static folders (found from its generator's config). */
  assetRoots?: readonly string[]
  theme?: ThemeSource
  /** TeX formulas: `'auto'` (default: SVG while the article fits), `'svg'` or `'image'` (pictures uploaded like images). */
  math?: 'auto' | 'svg' | 'image'
  /** Render threads; default: renderThreadsFor (none below 3 cores, where they do not pay). */
  threads?: number
  /** Called once the files are known, before any is rendered (progress bars need the total). */
  onDiscovered?: (files: MarkdownFile[]) => void
}

export interface CheckedArticle {
  path: string
  relativePath: string
  /**
   * `failed`: cannot be published as it is (see `messages`). `draft`: front matter says
   * `draft: true` or `publish: false`, so `publish` skips it; its problems are still listed in
   * `messages` (errors stay errors), but it is not failed: a draft may be unfinished.
   */
  status: 'ok' | 'failed' | 'draft'
  title: string
  /** Front matter says `draft: true` or `publish: false`: `publish` would skip it. */
  draft: boolean
  /** UTF-16 code units of the HTML `publish` would send (its pictures at their uploaded URLs' length). */
  characters: number
  bytes: number
  images: number
  messages: ArticleMessage[]
}

/** One article as a command gets it: checked as publish would check it, and its HTML for output. */
export interface ArticleForCommand extends RenderedFile {
  checked: CheckedArticle
  /** The HTML with each picture at the URL the command gave it (`pictureUrl`); empty when nothing rendered. */
  html: string
}

export interface CommandHooks<T> {
  /**
   * The URL a picture gets in the command's HTML (a file it writes, a URL it serves); default: the
   * stand-in publish measures with. Remote pictures keep their URL (nothing is fetched).
   */
  pictureUrl?: (image: CatalogImage, file: MarkdownFile) => string | Promise<string>
  /** Makes the command's result of each article (writes a file, takes a screenshot...). Awaited. */
  each: (article: ArticleForCommand, catalog: ImageCatalog) => T | Promise<T>
}

/**
 * The one render path of the commands that read articles without sending them: discover the
 * files, load the settings, render each with its pictures loaded and normalised as `publish`
 * would, check its cover, and measure it exactly as `publish` measures it: with the stand-in URLs
 * of uploaded pictures, never the command's own shorter local URLs, so an article near the limit
 * passes `convert` only if it passes `publish`. The command's URLs are put in afterwards.
 */
export async function renderArticles<T extends { path: string; messages: ArticleMessage[] }>(
  paths: readonly string[],
  options: RenderArticlesOptions,
  hooks: CommandHooks<T>,
): Promise<{ articles: T[]; errors: number; warnings: number }> {
  const cwd = options.cwd ?? process.cwd()
  const files = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  options.onDiscovered?.(files)
  const settings = await renderSettingsFrom(options, cwd, files)
  const catalog = createImageCatalog({ lock: undefined })
  const standIns = createStandIns()
  const urlsOf = new Map<string, Map<string, string>>()

  const imageUrlFor = (file: MarkdownFile) => {
    const urls = new Map<string, string>()
    urlsOf.set(file.path, urls)
    return async (ref: ImageRef): Promise<string> => {
      if (isRemote(ref.src)) {
        // publish downloads and uploads it: measured as an uploaded picture, shown as written.
        const sourceHash = createHash('sha256').update(ref.src).digest('hex')
        urls.set(sourceHash, ref.src)
        return standIns.urlOf(sourceHash)
      }
      const image = await catalog.image(ref.src, file)
      if (hooks.pictureUrl !== undefined) urls.set(image.sourceHash, await hooks.pictureUrl(image, file))
      return standIns.urlOf(image.sourceHash)
    }
  }

  const results: T[] = []
  await renderFiles(files, settings, {
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    imageUrlFor,
    onRendered: async (rendered: RenderedFile) => {
      const result = await withCoverChecked(rendered, catalog)
      const urls = urlsOf.get(result.file.path) ?? new Map<string, string>()
      urlsOf.delete(result.file.path)
      const measured = result.rendered?.html ?? ''
      const html = hooks.pictureUrl === undefined && urls.size === 0 ? measured : standIns.substitute(measured, (sourceHash) => urls.get(sourceHash))
      results.push(await hooks.each({ ...result, checked: toChecked(result), html }, catalog))
    },
  })
  const order = new Map(files.map((file, index) => [file.path, index]))
  results.sort((a, b) => order.get(a.path)! - order.get(b.path)!)
  return { articles: results, ...countProblems(results) }
}

/** An article's status, size and problems, as `check` reports them: the limits `publish` checks, on the HTML it measures. */
function toChecked({ file, rendered, messages }: RenderedFile): CheckedArticle {
  const html = rendered?.html ?? ''
  const draft = rendered?.article.skip ?? false
  // The same limits publish checks, counted as strictly (render counts code points, Weixin may count UTF-16).
  const all = rendered ? [...messages, ...weixinLimitProblems(file.path, { ...rendered.article, content: html }, messages)] : messages
  return {
    path: file.path,
    relativePath: file.relativePath,
    status: draft ? 'draft' : rendered === undefined || hasErrors(all) ? 'failed' : 'ok',
    title: rendered?.article.title ?? '',
    draft,
    ...contentSize(html),
    images: rendered?.images.length ?? 0,
    messages: all,
  }
}
