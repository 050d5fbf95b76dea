import { countProblems, hasErrors, type ArticleMessage } from './article-message.js'
import { contentSize } from './content-size.js'
import { withCoverChecked } from './cover.js'
import { discoverMarkdown, type MarkdownFile } from './discover.js'
import { createImageCatalog } from './image-catalog.js'
import { validatingImageUrls } from './local-images.js'
import { renderFiles, type RenderedFile } from './render-files.js'
import { renderSettingsFrom } from './render-settings.js'
import type { ThemeSource } from './theme-source.js'
import { weixinLimitProblems } from './weixin-limits.js'

export interface CheckOptions {
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
  /** Render threads; default: renderThreadsFor (none below 3 cores, where they do not pay). */
  threads?: number
  /** Called once the files are known, before any is rendered (progress bars need the total). */
  onDiscovered?: (files: MarkdownFile[]) => void
  onArticle?: (article: CheckedArticle) => void
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
  characters: number
  bytes: number
  images: number
  messages: ArticleMessage[]
}

export interface CheckReport {
  articles: CheckedArticle[]
  errors: number
  warnings: number
}

/**
 * Renders and validates every article, local images included (loaded and normalised as publish
 * would); nothing is written, nothing goes over the network (http(s) images are not fetched).
 */
export async function check(paths: readonly string[], options: CheckOptions = {}): Promise<CheckReport> {
  const cwd = options.cwd ?? process.cwd()
  const files = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  options.onDiscovered?.(files)
  const settings = await renderSettingsFrom(options, cwd, files)
  const catalog = createImageCatalog({ lock: undefined })
  const checks: Promise<CheckedArticle>[] = []
  await renderFiles(files, settings, withThreads(options.threads, {
    imageUrlFor: validatingImageUrls(catalog),
    onRendered: (result: RenderedFile) => {
      const checked = withCoverChecked(result, catalog).then(toChecked)
      checks.push(checked)
      if (options.onArticle) void checked.then(options.onArticle)
    },
  }))
  const articles = await Promise.all(checks)
  const order = new Map(files.map((file, index) => [file.path, index]))
  return summarise(articles.sort((a, b) => order.get(a.path)! - order.get(b.path)!))
}

export function toChecked({ file, rendered, messages }: RenderedFile): CheckedArticle {
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

export function summarise<T extends { messages: ArticleMessage[] }>(articles: T[]): { articles: T[]; errors: number; warnings: number } {
  return { articles, ...countProblems(articles) }
}

export function withThreads<T extends object>(threads: number | undefined, options: T): T & { threads?: number } {
  return threads === undefined ? options : { ...options, threads }
}

export type { MarkdownFile }
