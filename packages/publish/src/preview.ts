import path from 'node:path'
import type { ArticleMessage } from './article-message.js'
import { assetName, contentTypeOf } from './local-images.js'
import { renderArticles, type CheckedArticle } from './render-articles.js'
import { readMarkdown } from './render-files.js'
import type { ThemeSource } from './theme-source.js'
import { maxContentCharacters } from './weixin-limits.js'
import type { ArticleMeta } from '@mdwx/render'

export interface PreviewAsset {
  data: Uint8Array
  contentType: string
}

export interface ArticlePreview {
  /** The article's content, images pointing at `<assetsUrl>/<name>`. */
  html: string
  article: ArticleMeta | undefined
  /** As `check` reports it: `failed` when it cannot be published as it is, `draft` when publish skips it. */
  status: CheckedArticle['status']
  /** Characters of the content as `publish` measures them (UTF-16 code units, pictures at their uploaded URLs' length). */
  characters: number
  /** Weixin's limit: the content must stay under this many characters. */
  limit: number
  bytes: number
  messages: ArticleMessage[]
  /** Normalised images by file name, for the preview server to serve. */
  assets: Map<string, PreviewAsset>
  /** The local picture files the article showed (absolute paths): a live preview watches them. */
  pictures: string[]
}

/**
 * Renders one article as `publish` would, with its images normalised and kept in memory for a
 * local preview server, and measured and checked as `check` measures it (renderArticles). Read
 * afresh on every call, so each call shows the latest edit. An article that `split: auto` makes
 * into parts is shown as its first part (the headline), with the article's messages.
 */
export async function renderPreview(
  file: string,
  options: {
    theme?: ThemeSource
    cwd?: string
    assetsUrl?: string
    math?: 'auto' | 'svg' | 'image'
    assetRoots?: readonly string[]
    /** The folder the article was found in (`mdwx preview <folder>`): its pictures may be anywhere inside it, as `check <folder>` reads them. Default: the article's own folder. */
    within?: string
  } = {},
): Promise<ArticlePreview> {
  const cwd = options.cwd ?? process.cwd()
  const absolute = path.resolve(cwd, file)
  const assetsUrl = options.assetsUrl ?? '/assets'
  const assets = new Map<string, PreviewAsset>()
  const pictures = new Set<string>()
  const empty = { html: '', article: undefined, status: 'failed' as const, characters: 0, limit: maxContentCharacters, bytes: 0, assets, pictures: [] }
  const source = await readMarkdown({ path: absolute })
  if (typeof source !== 'string') return { ...empty, messages: [source] }
  let preview: ArticlePreview | undefined
  const { within, ...rest } = options
  const paths = within === undefined ? [absolute] : [path.resolve(cwd, within)]
  await renderArticles(paths, { ...rest, threads: 0, ...(within === undefined ? {} : { only: [absolute] }) }, {
    pictureUrl: (image) => {
      const name = assetName(image)
      assets.set(name, { data: image.normalized!.data, contentType: contentTypeOf[image.normalized!.format] })
      if (path.isAbsolute(image.origin)) pictures.add(image.origin)
      return `${assetsUrl}/${name}`
    },
    each: (article) => {
      const { status, characters, bytes, messages } = article.checked
      preview ??= { html: article.html, article: article.rendered?.article, status, characters, limit: maxContentCharacters, bytes, messages, assets, pictures: [] }
      return article.checked
    },
  })
  // A file that discovery leaves out (not Markdown after all) renders nothing.
  return { ...(preview ?? { ...empty, messages: [] }), pictures: [...pictures] }
}
