import { renderMarkdown, type ImageRef, type RenderOptions } from '@mdwx/render'
import { VFile } from 'vfile'
import { fromVFileMessage, type ArticleMessage } from './article-message.js'
import { toRenderOptions, type RenderSettings } from './render-settings.js'

export interface RenderedArticle {
  html: string
  article: Awaited<ReturnType<typeof renderMarkdown>>['article']
  images: ImageRef[]
  messages: ArticleMessage[]
}

export type ImageUrlFor = (ref: ImageRef) => Promise<string>

/**
 * Renders articles in this thread. One processor serves every article: the image resolver it is
 * built with looks up each file's own resolver, so a run with per-article resolvers does not
 * rebuild the pipeline (and recompile the theme) per article.
 */
export function createInProcessRenderer(settings: RenderSettings) {
  const resolvers = new WeakMap<VFile, ImageUrlFor>()
  const options: RenderOptions = {
    ...toRenderOptions(settings),
    resolveImage: (ref, file) => {
      const resolve = resolvers.get(file)
      return resolve ? resolve(ref) : ref.src
    },
  }
  return async function render(path: string, source: string, imageUrlFor?: ImageUrlFor): Promise<RenderedArticle> {
    const file = new VFile({ path, value: source })
    if (imageUrlFor) resolvers.set(file, imageUrlFor)
    const result = await renderMarkdown(file, options)
    return {
      html: result.html,
      article: result.article,
      images: result.images,
      messages: result.messages.map((message) => fromVFileMessage(message, path)),
    }
  }
}
