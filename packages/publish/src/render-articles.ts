import { createHash } from 'node:crypto'
import type { ImageRef } from '@mdwx/render'
import { countProblems, hasErrors, type ArticleMessage } from './article-message.js'
import { contentSize } from './content-size.js'
import { coverSettings, withCoverChecked, type CoverSettings } from './cover.js'
import { discoverMarkdown, type MarkdownFile } from './discover.js'
import { byPlace, createImageCatalog, missingGlyphsMessage, type CatalogImage, type ImageCatalog } from './image-catalog.js'
import { isRemote } from './local-images.js'
import path from 'node:path'
import { renderFiles, type RenderAgain, type RenderedFile } from './render-files.js'
import { partsOf, splitOffer, tooLong, asPart, wholeArticleOf } from './split-prepared.js'
import { renderSettingsFrom } from './render-settings.js'
import { ignoredDigestNote, planPushes, type ConfiguredPush } from './push-plan.js'
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
  /** The articles as one push (`--together`), as publish would send them. */
  together?: boolean
  /** Pushes named in the config, as publish reads them. */
  pushes?: readonly ConfiguredPush[]
  /** An article over the length limit as the parts publish would make of it (`--split`; front matter `split: auto` for one). */
  split?: boolean
  /** Of the files found, only these (absolute paths): one article of a folder, read with the folder as its root (a preview's page). */
  only?: readonly string[]
  /** As `publish`'s: the cover of an article with neither a cover nor a picture, relative to `cwd`. */
  defaultCover?: string
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
  /** The push it would go out in, when one of two or more: its name, the article's place (0: the headline), the number of articles. */
  push?: { name: string; index: number; total: number }
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
  each: (article: ArticleForCommand, catalog: ImageCatalog, covers: CoverSettings) => T | Promise<T>
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
  const found = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  const files = options.only === undefined ? found : found.filter((file) => options.only!.includes(file.path))
  options.onDiscovered?.(files)
  // The pushes publish would make: each article says which it is in; a push is checked whole.
  const pushing = await planPushes(files, { together: options.together === true, pushes: options.pushes ?? [], cwd })
  const pushOf = new Map(pushing.plans.flatMap((plan) => plan.files.map((file, index) => [file.path, { name: plan.name, index, total: plan.files.length }] as const)))
  const digests = new Map<string, string | undefined>()
  const split = (file: MarkdownFile) => options.split === true || pushing.split.has(file.path)
  const settings = await renderSettingsFrom(options, cwd, files)
  const covers = await coverSettings(options.defaultCover, cwd, settings.theme)
  const catalog = createImageCatalog({ lock: undefined })
  const standIns = createStandIns()
  const urlsOf = new Map<string, Map<string, string>>()
  const glyphsOf = new Map<string, ArticleMessage[]>()

  const imageUrlFor = (file: MarkdownFile) => {
    const urls = new Map<string, string>()
    urlsOf.set(file.path, urls)
    const glyphs: ArticleMessage[] = []
    glyphsOf.set(file.path, glyphs)
    return async (ref: ImageRef): Promise<string> => {
      if (isRemote(ref.src)) {
        // publish downloads and uploads it: measured as an uploaded picture, shown as written.
        const sourceHash = createHash('sha256').update(ref.src).digest('hex')
        urls.set(sourceHash, ref.src)
        return standIns.urlOf(sourceHash)
      }
      const image = await catalog.image(ref.src, file)
      const glyphsMissing = missingGlyphsMessage(file.path, ref, image)
      if (glyphsMissing) glyphs.push(glyphsMissing)
      if (hooks.pictureUrl !== undefined) urls.set(image.sourceHash, await hooks.pictureUrl(image, file))
      return standIns.urlOf(image.sourceHash)
    }
  }

  /** One article (or one part of a split one) to the command, checked as publish checks it. */
  async function finish(rendered: RenderedFile, push: CheckedArticle['push'], extra: readonly ArticleMessage[]): Promise<T> {
    const result = await withCoverChecked(rendered, catalog, covers)
    const urls = urlsOf.get(result.file.path) ?? new Map<string, string>()
    const measured = result.rendered?.html ?? ''
    const html = hooks.pictureUrl === undefined && urls.size === 0 ? measured : standIns.substitute(measured, (sourceHash) => urls.get(sourceHash))
    const checked = toChecked(result)
    checked.messages.push(...extra, ...(pushing.problems.get(result.file.path) ?? []))
    if (push !== undefined) checked.push = push
    if (hasErrors(checked.messages) && checked.status === 'ok') checked.status = 'failed'
    digests.set(result.file.path, result.rendered?.article.digest)
    return hooks.each({ ...result, checked, html }, catalog, covers)
  }

  const results: T[] = []
  await renderFiles(files, settings, {
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    imageUrlFor,
    onRendered: async (rendered: RenderedFile, again: RenderAgain) => {
      const glyphs = (glyphsOf.get(rendered.file.path) ?? []).sort(byPlace)
      const parts = await partsOfTooLong(rendered, again, split(rendered.file))
      if (!('parts' in parts)) {
        results.push(await finish(rendered, pushOf.get(rendered.file.path), parts.offer === undefined ? glyphs : [...glyphs, parts.offer]))
      } else {
        const name = path.relative(cwd, rendered.file.path).split(path.sep).join('/')
        for (const [index, part] of parts.parts.entries()) {
          results.push(await finish(part, { name, index, total: parts.parts.length }, index === 0 ? glyphs : []))
        }
      }
      urlsOf.delete(rendered.file.path)
      glyphsOf.delete(rendered.file.path)
    },
  })
  const order = new Map(files.map((file, index) => [file.path, index]))
  results.sort((a, b) => order.get(a.path)! - order.get(b.path)!)
  for (const plan of pushing.plans) {
    const note = ignoredDigestNote(plan, (file) => digests.get(file.path))
    if (note) results.find((result) => result.path === note.path)?.messages.push(note)
  }
  return { articles: results, ...countProblems(results) }
}

/**
 * An article as the command shows it: whole (with, when it is too long, the message that says
 * how many parts `--split` would make, or why it cannot be split), or, to be split, its parts,
 * each rendered as publish renders it and named `<name>-<n>` for the command's outputs.
 */
async function partsOfTooLong(rendered: RenderedFile, again: RenderAgain, split: boolean): Promise<{ parts: RenderedFile[] } | { offer?: ArticleMessage }> {
  const whole = rendered.rendered
  if (whole === undefined || rendered.source === undefined || whole.article.skip || !tooLong(rendered.messages)) return {}
  const result = await partsOf(rendered.file.path, rendered.source, whole.article.title, again, split)
  if ('failure' in result) return { offer: result.failure }
  if (!split) return { offer: splitOffer(rendered.file.path, result.parts.length) }
  const shared = wholeArticleOf(whole)
  const extension = path.extname(rendered.file.relativePath)
  const stem = rendered.file.relativePath.slice(0, rendered.file.relativePath.length - extension.length)
  const parts = await Promise.all(
    result.parts.map(async (part) => {
      const article = asPart(await again(part.markdown), part, shared)
      return { file: { ...rendered.file, relativePath: `${stem}-${part.index}${extension}` }, source: part.markdown, rendered: article, messages: article.messages }
    }),
  )
  return { parts }
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
