import path from 'node:path'
import type { ArticleMessage } from './article-message.js'
import { contentSize } from './content-size.js'
import { createImageCatalog } from './image-catalog.js'
import { discoverMarkdown } from './discover.js'
import { createSiteAssetRoots } from './site-asset-roots.js'
import { assetName, contentTypeOf, isRemote } from './local-images.js'
import { createRenderPool } from './render-pool.js'
import { readMarkdown } from './render-files.js'
import { renderSettingsFrom } from './render-settings.js'
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
 * local preview server. Read afresh on every call, so a refresh shows the latest edit.
 */
export async function renderPreview(
  file: string,
  options: { theme?: ThemeSource; cwd?: string; assetsUrl?: string; math?: 'svg' | 'image'; assetRoots?: readonly string[] } = {},
): Promise<ArticlePreview> {
  const cwd = options.cwd ?? process.cwd()
  const absolute = path.resolve(cwd, file)
  const assetsUrl = options.assetsUrl ?? '/assets'
  const assets = new Map<string, PreviewAsset>()
  const source = await readMarkdown({ path: absolute })
  if (typeof source !== 'string') return { html: '', article: undefined, characters: 0, bytes: 0, messages: [source], assets }
  const catalog = createImageCatalog({ lock: undefined })
  const assetRoots = [...(options.assetRoots ?? []).map((root) => path.resolve(cwd, root)), ...(await createSiteAssetRoots().forFile(absolute))]
  const site = { path: absolute, relativePath: path.basename(absolute), root: path.dirname(absolute), assetRoots }
  // Other posts' titles for Hexo's post_link: the ones beside this one.
  const neighbours = await discoverMarkdown([site.root], { cwd }).catch(() => [site])
  const pool = createRenderPool(await renderSettingsFrom(options, cwd, neighbours), 0)
  const rendered = await pool.render(absolute, source, async (ref) => {
    if (isRemote(ref.src)) return ref.src
    const image = await catalog.image(ref.src, site)
    const name = assetName(image)
    assets.set(name, { data: image.normalized!.data, contentType: contentTypeOf[image.normalized!.format] })
    return `${assetsUrl}/${name}`
  })
  return { html: rendered.html, article: rendered.article, ...contentSize(rendered.html), messages: rendered.messages, assets }
}
