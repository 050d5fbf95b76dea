import type { ImageRef } from '@mdwx/render'
import { articleError, hasErrors, type ArticleMessage } from './article-message.js'
import type { MarkdownFile } from './discover.js'
import type { CatalogCover, CatalogImage, ImageCatalog } from './image-catalog.js'
import { createLimiter } from './limiter.js'
import type { RenderedArticle } from './render-in-process.js'
import { renderOne } from './render-files.js'
import type { RenderPool } from './render-pool.js'

/**
 * Real image URLs (`http://mmbiz.qpic.cn/sz_mmbiz_png/<55 characters>/0?wx_fmt=png&from=appmsg`)
 * are about 120 characters. Until an image is uploaded its URL is unknown, so the article is
 * measured against Weixin's limit with this longer stand-in: what fits here fits afterwards.
 */
export const worstCaseImageUrl = `https://mmbiz.qpic.cn/mmbiz_png/${'x'.repeat(150)}/0?wx_fmt=png`

export interface PreparedArticle {
  file: MarkdownFile
  rendered: RenderedArticle | undefined
  /** The article's distinct pictures, in order of first use. */
  images: CatalogImage[]
  cover: CatalogCover | undefined
  /** Some image was not uploaded yet: the HTML holds stand-ins and must be rendered again. */
  needsFinalRender: boolean
  skipped: boolean
  messages: ArticleMessage[]
}

/**
 * Step 2 of a publish run: everything that can be done without Weixin, for every article, before
 * anything is sent: render, load and normalise every image, find every cover, check every limit
 * (with stand-in URLs as long as real ones can be).
 */
export async function prepareArticles(files: readonly MarkdownFile[], pool: RenderPool, catalog: ImageCatalog): Promise<PreparedArticle[]> {
  const limit = createLimiter(16)
  return Promise.all(files.map((file) => limit(() => prepareOne(file, pool, catalog))))
}

async function prepareOne(file: MarkdownFile, pool: RenderPool, catalog: ImageCatalog): Promise<PreparedArticle> {
  const images = new Map<string, CatalogImage>()
  let needsFinalRender = false
  const imageUrlFor = async (ref: ImageRef): Promise<string> => {
    const image = await catalog.image(ref.src, file.path, file.root)
    images.set(image.sourceHash, image)
    if (image.uploaded) return image.uploaded.url
    needsFinalRender = true
    return worstCaseImageUrl
  }
  const { rendered, messages } = await renderOne(file, pool.render, imageUrlFor)
  const prepared: PreparedArticle = {
    file,
    rendered,
    images: [...images.values()],
    cover: undefined,
    needsFinalRender,
    skipped: rendered?.article.skip === true,
    messages: [...messages],
  }
  if (!rendered) return prepared
  if (prepared.skipped) {
    // A draft is not published, so its unfinished parts (a picture not there yet) must not stop
    // the articles that are.
    prepared.messages = []
    prepared.images = []
    return prepared
  }
  for (const image of prepared.images) {
    for (const warning of image.warnings) prepared.messages.push({ path: file.path, severity: 'warning', message: `${image.origin}: ${warning}`, ruleId: 'image-changed' })
  }
  if (!hasErrors(prepared.messages)) prepared.cover = await findCover(file, rendered, prepared.messages, catalog)
  return prepared
}

/** Front matter `cover` (or an alias), else the first image of the body; none is an error. */
async function findCover(file: MarkdownFile, rendered: RenderedArticle, messages: ArticleMessage[], catalog: ImageCatalog): Promise<CatalogCover | undefined> {
  const src = rendered.article.cover ?? rendered.images[0]?.src
  if (src === undefined) {
    messages.push(
      articleError(file.path, 'The article has no cover image, and Weixin requires one.', {
        ruleId: 'cover-missing',
        hint: 'Add `cover: path/to/image.jpg` to the front matter, or put an image in the article (the first one becomes the cover).',
      }),
    )
    return undefined
  }
  try {
    return await catalog.cover(src, file.path, file.root)
  } catch (error) {
    const { message, hint } = error as { message?: string; hint?: string }
    messages.push(articleError(file.path, `Cover ${src}: ${message ?? String(error)}`, { ruleId: 'cover-unresolved', hint }))
    return undefined
  }
}
