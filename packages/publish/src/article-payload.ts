import { createHash } from 'node:crypto'
import type { CoverCrops } from '@mdwx/images'
import type { ArticleMeta } from '@mdwx/render'
import type { WeixinArticle } from '@mdwx/weixin'

/**
 * The article as Weixin receives it, from the rendered HTML, its fields and its cover. `title`
 * replaces the article's own (a part of a split article: `标题（1/3）`); `crops` are the parts of
 * the cover the feed and share cards show (cover.ts `coverCropsOf`).
 */
export function articlePayload(article: ArticleMeta, content: string, thumbMediaId: string, title?: string, crops: Partial<CoverCrops> = {}): WeixinArticle {
  const payload: WeixinArticle = {
    title: title ?? article.title,
    content,
    thumbMediaId,
    showCoverPic: article.showCover,
    needOpenComment: article.comments,
    onlyFansCanComment: article.fansOnlyComments,
  }
  if (article.author !== undefined) payload.author = article.author
  if (article.digest !== undefined) payload.digest = article.digest
  if (article.sourceUrl !== undefined) payload.contentSourceUrl = article.sourceUrl
  if (crops.picCrop235_1 !== undefined) payload.picCrop235_1 = crops.picCrop235_1
  if (crops.picCrop1_1 !== undefined) payload.picCrop1_1 = crops.picCrop1_1
  return payload
}

/** What "unchanged" is decided on: every field sent, in a fixed order. */
export function payloadHash(payload: WeixinArticle): string {
  const fields = Object.keys(payload).sort()
  return createHash('sha256').update(JSON.stringify(payload, fields)).digest('hex')
}
