import type { ArticleRules } from '../articles/accept-articles.js'
import { imageKeyIn } from '../media/image-urls.js'
import type { EmulatorContext } from '../server/context.js'
import type { ArticleGroupRecord, StoredArticle } from '../types.js'
import { type JsonValue, isJsonObject } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'

/** The account-specific half of article validation: its materials, images, links and faults. */
export function articleRules(context: EmulatorContext, requireShowCoverPic: boolean): ArticleRules {
  const { store } = context
  return {
    requireShowCoverPic,
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

/** The JSON body as an object, else 47001. */
export function objectBody(json: JsonValue): { [key: string]: JsonValue } {
  if (!isJsonObject(json)) throw new WeixinFault(47001)
  return json
}

/** `media_id` naming an entry of `groups`, else 40007. */
export function existingGroup(groups: ReadonlyMap<string, ArticleGroupRecord>, mediaId: JsonValue | undefined): ArticleGroupRecord {
  const group = typeof mediaId === 'string' ? groups.get(mediaId) : undefined
  if (group === undefined) throw new WeixinFault(40007)
  return group
}

/** `index` of draft/update and update_news: an article position of the group, else 40114. */
export function articleIndex(value: JsonValue | undefined, group: ArticleGroupRecord): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= group.articles.length) throw new WeixinFault(40114)
  return value
}

/** offset/count of the batchget calls: count 1 to 20, offset 0 or more, else 40097. */
export function pageOf(body: { [key: string]: JsonValue }): { offset: number; count: number } {
  const offset = body['offset'] ?? 0
  const count = body['count']
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new WeixinFault(40097)
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 20) throw new WeixinFault(40097)
  return { offset, count }
}

/** An article as draft/get and batchget return it. */
export function articleOnWire(context: EmulatorContext, group: ArticleGroupRecord, index: number, withContent: boolean, pagePath: string): Record<string, unknown> {
  const article = group.articles[index] as StoredArticle
  const wire: Record<string, unknown> = {
    article_type: article.article_type,
    title: article.title,
    author: article.author,
    digest: article.digest,
    content_source_url: article.content_source_url,
    thumb_media_id: article.thumb_media_id,
    show_cover_pic: article.show_cover_pic,
    need_open_comment: article.need_open_comment,
    only_fans_can_comment: article.only_fans_can_comment,
    url: `${context.url}/${pagePath}/${group.mediaId}?idx=${index}`,
    thumb_url: context.store.materials.get(article.thumb_media_id)?.url ?? '',
  }
  if (withContent) wire['content'] = article.content
  if (article.pic_crop_235_1 !== '') wire['pic_crop_235_1'] = article.pic_crop_235_1
  if (article.pic_crop_1_1 !== '') wire['pic_crop_1_1'] = article.pic_crop_1_1
  if (article.article_type === 'newspic') {
    wire['image_info'] = { image_list: article.image_media_ids.map((mediaId) => ({ image_media_id: mediaId })) }
  }
  return wire
}

/** Weixin's timestamps are whole seconds. */
export function seconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000)
}

export const ok = { errcode: 0, errmsg: 'ok' } as const
