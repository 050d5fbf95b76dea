import { randomId } from '../media/ids.js'
import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import { newestFirst } from '../state/newest-first.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { articleOnWire, seconds } from './article-wire.js'
import { existingGroup, objectBody, pageOf } from './request-fields.js'

/** Real publish ids are 10-digit numbers. */
const firstPublishId = 2_247_483_648

/** Since July 2025 unverified accounts cannot call freepublish/* at all. */
function requireVerified(context: EmulatorContext): void {
  if (context.faults.unverified) throw new WeixinFault(48001)
}

/**
 * POST freepublish/submit {"media_id"} → {"errcode":0,"publish_id":N}: only "accepted". The draft
 * leaves the draft box; the publish reads 1 (publishing) for `publishDelayMs`, then 0.
 */
export const submitPublishRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireVerified(context)
    const draft = existingGroup(context.store.drafts, objectBody(json())['media_id'])
    const { store } = context
    const publishId = firstPublishId + store.publishes.size
    const articleId = randomId(43)
    const failure = context.faults.publishFailure
    const now = context.now()
    store.drafts.delete(draft.mediaId)
    store.addPublish(
      { publishId, mediaId: draft.mediaId, articles: draft.articles, submittedAt: now, sequence: store.nextSequence(), status: 1, articleId: undefined, articleUrls: [], failIdx: [] },
      {
        completesAt: now + context.publishDelayMs,
        status: failure?.status ?? 0,
        articleId,
        articleUrls: draft.articles.map((_, index) => `${context.url}/s/${articleId}?idx=${index + 1}`),
        failIdx: failure === undefined ? [] : (failure.failIdx ?? draft.articles.map((_, index) => index)),
      },
    )
    return { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: publishId + 1_000_000_000 }
  },
}

/** POST freepublish/get {"publish_id"} (a number, or the same digits as a string). */
export const getPublishRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireVerified(context)
    const raw = objectBody(json())['publish_id']
    const publishId = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw
    const record = typeof publishId === 'number' ? context.store.publishes.get(publishId) : undefined
    if (record === undefined) throw new WeixinFault(40097)
    const answer: Record<string, unknown> = { publish_id: record.publishId, publish_status: record.status }
    if (record.status === 0 && record.articleId !== undefined) {
      answer['article_id'] = record.articleId
      answer['article_detail'] = {
        count: record.articleUrls.length,
        item: record.articleUrls.map((articleUrl, index) => ({ idx: index + 1, article_url: articleUrl })),
      }
    }
    answer['fail_idx'] = record.failIdx
    return answer
  },
}

/**
 * POST freepublish/batchget {"offset","count":1..20,"no_content":0|1}: the published articles
 * (status 0 only), newest first, each `{article_id, content: {news_item: [...]}, update_time}`
 * with the article's URL and `is_deleted`. This is where a client that lost the answer to
 * freepublish/submit finds what it published.
 */
export const batchGetPublishedRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireVerified(context)
    const body = objectBody(json())
    const page = pageOf(body)
    const withContent = body['no_content'] !== 1
    const done = [...context.store.publishes.values()].filter((record) => record.status === 0 && record.articleId !== undefined)
    const published = newestFirst(done, (record) => record.submittedAt)
    const items = published.slice(page.offset, page.offset + page.count)
    return {
      total_count: published.length,
      item_count: items.length,
      item: items.map((record) => ({
        article_id: record.articleId,
        content: {
          news_item: record.articles.map((_, index) => ({
            ...articleOnWire(context, { mediaId: record.mediaId, articles: record.articles, createdAt: record.submittedAt, updatedAt: record.submittedAt, sequence: record.sequence }, index, withContent, 'draft'),
            url: record.articleUrls[index] ?? '',
            is_deleted: false,
          })),
        },
        update_time: seconds(record.submittedAt),
      })),
    }
  },
}
