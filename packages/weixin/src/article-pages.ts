import { fromWireArticle, type WeixinDraftArticle } from './articles.js'
import type { WeixinAnswer } from './transport.js'

/** One page of a listing: what the account holds, newest first. */
export interface ArticlePage<Item> {
  /** Items in the whole listing, not only on this page. */
  totalCount: number
  items: Item[]
}

/** A draft, or a news item of the material library, as the batchget calls list it. */
export interface ListedArticleGroup {
  mediaId: string
  articles: WeixinDraftArticle[]
  /** Last change, in ms since the epoch (Weixin counts whole seconds). */
  updatedAt: number
}

/** A published article group, as freepublish/batchget lists it. */
export interface ListedPublication {
  articleId: string
  articles: Array<WeixinDraftArticle & { isDeleted: boolean }>
  updatedAt: number
}

export interface ListOptions {
  /** Items to skip (default 0). */
  offset?: number | undefined
  /** 1 to 20 (default 20). */
  count?: number | undefined
  /** Leave each article's HTML out (default false: the content is included). */
  noContent?: boolean | undefined
}

/** `{total_count, item: [{media_id, content: {news_item}, update_time}]}` of draft/batchget and batchget_material (news). */
export function fromWireGroupPage(answer: WeixinAnswer): ArticlePage<ListedArticleGroup> {
  return {
    totalCount: Number(answer['total_count'] ?? 0) || 0,
    items: itemsOf(answer).map((item) => ({
      mediaId: String(item['media_id'] ?? ''),
      articles: newsItems(item['content']).map(fromWireArticle),
      updatedAt: secondsToMs(item['update_time']),
    })),
  }
}

/** `{total_count, item: [{article_id, content: {news_item}, update_time}]}` of freepublish/batchget. */
export function fromWirePublicationPage(answer: WeixinAnswer): ArticlePage<ListedPublication> {
  return {
    totalCount: Number(answer['total_count'] ?? 0) || 0,
    items: itemsOf(answer).map((item) => ({
      articleId: String(item['article_id'] ?? ''),
      articles: newsItems(item['content']).map((wire) => ({ ...fromWireArticle(wire), isDeleted: wire['is_deleted'] === true })),
      updatedAt: secondsToMs(item['update_time']),
    })),
  }
}

function itemsOf(answer: WeixinAnswer): Record<string, unknown>[] {
  return Array.isArray(answer['item']) ? answer['item'].filter(isRecord) : []
}

function newsItems(content: unknown): Record<string, unknown>[] {
  const items = isRecord(content) ? content['news_item'] : undefined
  return Array.isArray(items) ? items.filter(isRecord) : []
}

function secondsToMs(value: unknown): number {
  const seconds = Number(value)
  return Number.isFinite(seconds) ? seconds * 1000 : 0
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
