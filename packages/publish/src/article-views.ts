import { chooseCover, findCover, type CoverSettings } from './cover.js'
import type { ImageCatalog } from './image-catalog.js'
import { assetName, contentTypeOf, extensionOf, isRemote } from './local-images.js'
import type { PreviewAsset } from './preview.js'
import { renderArticles, type ArticleForCommand, type CheckedArticle, type RenderArticlesOptions } from './render-articles.js'

export interface ArticleViewOptions extends RenderArticlesOptions {
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
export function renderArticleViews(paths: readonly string[], options: ArticleViewOptions = {}): Promise<{ articles: CheckedArticle[]; errors: number; warnings: number }> {
  const assetsUrl = options.assetsUrl ?? '/assets'
  const assetsOf = new Map<string, Map<string, PreviewAsset>>()
  const assetsFor = (path: string) => {
    let assets = assetsOf.get(path)
    if (!assets) assetsOf.set(path, (assets = new Map()))
    return assets
  }
  return renderArticles(paths, options, {
    pictureUrl: (image, file) => {
      const url = `${assetsUrl}/${assetName(image)}`
      assetsFor(file.path).set(url, { data: image.normalized!.data, contentType: contentTypeOf[image.normalized!.format] })
      return url
    },
    each: async (article, catalog, covers) => {
      const assets = assetsFor(article.file.path)
      assetsOf.delete(article.file.path)
      const coverUrl = await shownCover(article, catalog, covers, assetsUrl, assets)
      await options.onArticle?.({ ...article.checked, html: article.html, author: article.rendered?.article.author, coverUrl, assets })
      return article.checked
    },
  })
}

/** The cover the app shows above the content (`show_cover: true`), added to `assets`; undefined when none is shown or it cannot be read. */
async function shownCover(article: ArticleForCommand, catalog: ImageCatalog, covers: CoverSettings, assetsUrl: string, assets: Map<string, PreviewAsset>): Promise<string | undefined> {
  if (!article.rendered?.article.showCover) return undefined
  const choice = chooseCover(article.rendered, covers)
  if (choice.kind === 'written' && isRemote(choice.src)) return undefined
  // Its problems are already among the article's messages (withCoverChecked): not reported twice.
  const found = await findCover(article.file, article.rendered, [], catalog, covers)
  const normalized = found?.cover.normalized
  if (!normalized) return undefined
  const url = `${assetsUrl}/cover-${found.cover.sourceHash}.${extensionOf[normalized.format]}`
  assets.set(url, { data: normalized.data, contentType: contentTypeOf[normalized.format] })
  return url
}
