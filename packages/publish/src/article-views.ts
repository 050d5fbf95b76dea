import { summarise, toChecked, withThreads, type CheckedArticle, type CheckOptions } from './check.js'
import { findCover, firstCoverCandidate, withCoverChecked } from './cover.js'
import { discoverMarkdown, type MarkdownFile } from './discover.js'
import { createImageCatalog, type ImageCatalog } from './image-catalog.js'
import { assetName, contentTypeOf, extensionOf, isRemote } from './local-images.js'
import type { PreviewAsset } from './preview.js'
import { renderFiles, type RenderedFile } from './render-files.js'
import type { ImageUrlFor } from './render-in-process.js'
import { renderSettingsFrom } from './render-settings.js'

export interface ArticleViewOptions extends Omit<CheckOptions, 'onArticle'> {
  /** Where the HTML points at its pictures: `<assetsUrl>/<name>`; default `/assets`. */
  assetsUrl?: string
  /**
   * Called as each article is rendered, with its pictures in memory (the run's image catalog
   * keeps them for articles that share them). Awaited: a slow consumer (a browser) holds back
   * rendering, so at most a few rendered articles wait at once.
   */
  onArticle?: (article: ArticleView) => void | Promise<void>
}

export interface ArticleView extends CheckedArticle {
  /** The content `publish` would send, its local pictures at `<assetsUrl>/<name>`; empty when it could not be rendered. */
  html: string
  author: string | undefined
  /** The cover's URL, among `assets`, when the article has `show_cover` (the app shows it above the content). */
  coverUrl: string | undefined
  /** The normalised pictures (exactly what `publish` would upload) by URL. Remote pictures are not fetched. */
  assets: Map<string, PreviewAsset>
}

/**
 * Renders every article as `publish` would and hands it over with its normalised pictures, for a
 * picture of the article (mdwx screenshot). The problems reported are those `check` finds. No
 * network: http(s) pictures keep their URL.
 */
export async function renderArticleViews(paths: readonly string[], options: ArticleViewOptions = {}): Promise<{ articles: CheckedArticle[]; errors: number; warnings: number }> {
  const cwd = options.cwd ?? process.cwd()
  const assetsUrl = options.assetsUrl ?? '/assets'
  const files = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  options.onDiscovered?.(files)
  const settings = await renderSettingsFrom(options, cwd, files)
  const catalog = createImageCatalog({ lock: undefined })
  const assetsOf = new Map<string, Map<string, PreviewAsset>>()
  const imageUrlFor = (file: MarkdownFile): ImageUrlFor => {
    const assets = new Map<string, PreviewAsset>()
    assetsOf.set(file.path, assets)
    return async (ref) => {
      if (isRemote(ref.src)) return ref.src
      const image = await catalog.image(ref.src, file)
      const url = `${assetsUrl}/${assetName(image)}`
      assets.set(url, { data: image.normalized!.data, contentType: contentTypeOf[image.normalized!.format] })
      return url
    }
  }
  const articles: CheckedArticle[] = []
  await renderFiles(files, settings, withThreads(options.threads, {
    imageUrlFor,
    onRendered: async (result: RenderedFile) => {
      const checked = toChecked(await withCoverChecked(result, catalog))
      const assets = assetsOf.get(result.file.path) ?? new Map<string, PreviewAsset>()
      assetsOf.delete(result.file.path)
      const coverUrl = await shownCover(result, catalog, assetsUrl, assets)
      const view: ArticleView = { ...checked, html: result.rendered?.html ?? '', author: result.rendered?.article.author, coverUrl, assets }
      articles.push(checked)
      await options.onArticle?.(view)
    },
  }))
  const order = new Map(files.map((file, index) => [file.path, index]))
  return summarise(articles.sort((a, b) => order.get(a.path)! - order.get(b.path)!))
}

/** The cover the app shows above the content (`show_cover: true`), added to `assets`; undefined when none is shown or it cannot be read. */
async function shownCover(result: RenderedFile, catalog: ImageCatalog, assetsUrl: string, assets: Map<string, PreviewAsset>): Promise<string | undefined> {
  if (!result.rendered?.article.showCover) return undefined
  const src = result.rendered.article.cover ?? firstCoverCandidate(result.rendered)?.src
  if (src === undefined || isRemote(src)) return undefined
  // Its problems are already among the article's messages (withCoverChecked): not reported twice.
  const found = await findCover(result.file, result.rendered, [], catalog)
  const normalized = found?.cover.normalized
  if (!normalized) return undefined
  const url = `${assetsUrl}/cover-${found.cover.sourceHash}.${extensionOf[normalized.format]}`
  assets.set(url, { data: normalized.data, contentType: contentTypeOf[normalized.format] })
  return url
}
