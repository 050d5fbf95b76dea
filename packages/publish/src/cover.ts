import { articleError, hasErrors, type ArticleMessage } from './article-message.js'
import type { MarkdownFile } from './discover.js'
import type { ImageCatalog } from './image-catalog.js'
import type { ArticleCover } from './input-hash.js'
import { isRemote } from './local-images.js'
import type { RenderedFile } from './render-files.js'
import type { RenderedArticle } from './render-in-process.js'

/**
 * Front matter `cover` (or an alias), else the first image of the body that is not a formula
 * drawn as a picture (a line-high `x` is no cover; a diagram can be); none is an error.
 */
export async function findCover(file: MarkdownFile, rendered: RenderedArticle, messages: ArticleMessage[], catalog: ImageCatalog): Promise<ArticleCover | undefined> {
  const src = rendered.article.cover ?? firstCoverCandidate(rendered)?.src
  if (src === undefined) {
    messages.push(coverMissing(file))
    return undefined
  }
  try {
    return { src, cover: await catalog.cover(src, file) }
  } catch (error) {
    const { message, hint } = error as { message?: string; hint?: string }
    messages.push(articleError(file.path, `Cover ${src}: ${message ?? String(error)}`, { ruleId: 'cover-unresolved', hint }))
    return undefined
  }
}

/**
 * The cover problems `publish` would find, for `check` and `convert`: no cover at all, or a
 * front matter cover that cannot be read. Offline: an http(s) cover is left to `publish`, and a
 * cover that is a body picture was already loaded (and its problems reported) as one.
 */
export async function withCoverChecked(result: RenderedFile, catalog: ImageCatalog): Promise<RenderedFile> {
  const { file, rendered } = result
  if (rendered === undefined || rendered.article.skip || hasErrors(result.messages)) return result
  const src = rendered.article.cover
  if (src !== undefined && (isRemote(src) || rendered.images.some((image) => image.src === src))) return result
  if (src === undefined && firstCoverCandidate(rendered) !== undefined) return result
  const messages = [...result.messages]
  await findCover(file, rendered, messages, catalog)
  return { ...result, messages }
}

/** The first picture that can be a cover: any but a formula drawn as a picture (a line-high strip). */
export function firstCoverCandidate(rendered: RenderedArticle) {
  return rendered.images.find((image) => image.drawn !== 'formula')
}

function coverMissing(file: MarkdownFile): ArticleMessage {
  return articleError(file.path, 'The article has no cover image, and Weixin requires one.', {
    ruleId: 'cover-missing',
    hint: 'Add `cover: path/to/image.jpg` to the front matter, or put an image in the article (the first one becomes the cover).',
  })
}
