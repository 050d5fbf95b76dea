import path from 'node:path'
import type { ArticleMessage } from './article-message.js'
import { assetName, contentTypeOf } from './local-images.js'
import { renderArticles } from './render-articles.js'
import { readMarkdown } from './render-files.js'
import type { ThemeSource } from './theme-source.js'
import type { ArticleMeta } from '@mdwx/render'

export interface PreviewAsset {
  data: Uint8Array
  contentType: string
}

export interface ArticlePreview {
  /** The article's content, images pointing at `<assetsUrl>/<name>`. */
  html: string
  article: ArticleMeta | undefined
  characters: number
  bytes: number
  messages: ArticleMessage[]
  /** Normalised images by file name, for the preview server to serve. */
  assets: Map<string, PreviewAsset>
}

/**
 * Renders one article as `publish` would, with its images normalised and kept in memory for a
 * local preview server, and measured and checked as `check` measures it (renderArticles). Read
 * afresh on every call, so a refresh shows the latest edit.
 */
export async function renderPreview(
  file: string,
  options: { theme?: ThemeSource; cwd?: string; assetsUrl?: string; math?: 'auto' | 'svg' | 'image'; assetRoots?: readonly string[] } = {},
): Promise<ArticlePreview> {
  const cwd = options.cwd ?? process.cwd()
  const absolute = path.resolve(cwd, file)
  const assetsUrl = options.assetsUrl ?? '/assets'
  const assets = new Map<string, PreviewAsset>()
  const source = await readMarkdown({ path: absolute })
  if (typeof source !== 'string') return { html: '', article: undefined, characters: 0, bytes: 0, messages: [source], assets }
  let preview: ArticlePreview | undefined
  await renderArticles([absolute], { ...options, threads: 0 }, {
    pictureUrl: (image) => {
      const name = assetName(image)
      assets.set(name, { data: image.normalized!.data, contentType: contentTypeOf[image.normalized!.format] })
      return `${assetsUrl}/${name}`
    },
    each: (article) => {
      const { characters, bytes, messages } = article.checked
      preview = { html: article.html, article: article.rendered?.article, characters, bytes, messages, assets }
      return article.checked
    },
  })
  return preview!
}
