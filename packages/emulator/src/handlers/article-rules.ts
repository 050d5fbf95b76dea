import type { ArticleRules } from '../articles/accept-articles.js'
import { imageKeyIn } from '../media/image-urls.js'
import type { EmulatorContext } from '../server/context.js'

/** What add_news and update_news require besides what every article needs (drafts ignore show_cover_pic). */
const newsRequiredFields = ['show_cover_pic', 'content_source_url'] as const

/** The account-specific half of article validation: its materials, images, links and faults. */
export function articleRules(context: EmulatorContext, isNews: boolean): ArticleRules {
  const { store } = context
  return {
    requiredFields: isNews ? newsRequiredFields : [],
    isCoverMediaId: (mediaId) => {
      const type = store.materials.get(mediaId)?.type
      return type === 'image' || type === 'thumb'
    },
    isImageMediaId: (mediaId) => store.materials.get(mediaId)?.type === 'image',
    commentsClosed: context.faults.commentsClosed,
    content: {
      isIssuedImage: (src) => {
        const key = imageKeyIn(src, [context.imageBaseUrl, context.url])
        return key !== undefined && store.servedImages.has(key)
      },
      isKeptLink: (href) => isPublishedArticleLink(href, context.url),
    },
  }
}

/** Links the editor keeps: mp.weixin.qq.com articles, and the emulator's own published ones. */
function isPublishedArticleLink(href: string, emulatorUrl: string): boolean {
  if (href.startsWith(`${emulatorUrl}/s/`)) return true
  try {
    const url = new URL(href)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname === 'mp.weixin.qq.com'
  } catch {
    return false
  }
}
