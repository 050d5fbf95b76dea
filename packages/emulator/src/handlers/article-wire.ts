import type { EmulatorContext } from '../server/context.js'
import { newestFirst } from '../state/newest-first.js'
import type { ArticleGroupRecord, StoredArticle } from '../types.js'

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

/** A draft or news item as draft/get and the batchget calls return it. */
export function groupOnWire(context: EmulatorContext, group: ArticleGroupRecord, withContent: boolean, pagePath = 'draft'): Record<string, unknown> {
  return {
    news_item: group.articles.map((_, index) => articleOnWire(context, group, index, withContent, pagePath)),
    create_time: seconds(group.createdAt),
    update_time: seconds(group.updatedAt),
  }
}

/** One page of drafts or news, most recently updated first, as draft/batchget and batchget_material (news) answer. */
export function groupPage(
  context: EmulatorContext,
  groups: Iterable<ArticleGroupRecord>,
  page: { offset: number; count: number },
  withContent: boolean,
  pagePath: string,
): Record<string, unknown> {
  const newest = newestFirst(groups, (group) => group.updatedAt)
  const items = newest.slice(page.offset, page.offset + page.count)
  return {
    total_count: newest.length,
    item_count: items.length,
    item: items.map((group) => ({ media_id: group.mediaId, content: groupOnWire(context, group, withContent, pagePath), update_time: seconds(group.updatedAt) })),
  }
}
