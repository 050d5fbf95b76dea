import { acceptArticleList, acceptSingleArticle } from '../articles/accept-articles.js'
import { newMediaId } from '../media/ids.js'
import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import type { ArticleGroupRecord } from '../types.js'
import { articleIndex, articleOnWire, articleRules, existingGroup, objectBody, ok, pageOf, seconds } from './article-rules.js'

/** POST draft/add {"articles":[...]} → {"media_id"} (no errcode, as the real one). */
export const addDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const articles = acceptArticleList(objectBody(json())['articles'], articleRules(context, false))
    const mediaId = newMediaId()
    const now = context.now()
    context.store.drafts.set(mediaId, { mediaId, articles, createdAt: now, updatedAt: now })
    return { media_id: mediaId }
  },
}

/** POST draft/update {"media_id","index","articles":{...}}: `articles` is ONE object. */
export const updateDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const body = objectBody(json())
    const draft = existingGroup(context.store.drafts, body['media_id'])
    const index = articleIndex(body['index'], draft)
    draft.articles[index] = acceptSingleArticle(body['articles'], articleRules(context, false), draft.articles.length)
    draft.updatedAt = context.now()
    return { ...ok }
  },
}

/** POST draft/get {"media_id"} → {"news_item":[...],"create_time","update_time"} */
export const getDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const draft = existingGroup(context.store.drafts, objectBody(json())['media_id'])
    return groupOnWire(context, draft, true)
  },
}

/** POST draft/delete {"media_id"} */
export const deleteDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const draft = existingGroup(context.store.drafts, objectBody(json())['media_id'])
    context.store.drafts.delete(draft.mediaId)
    return { ...ok }
  },
}

/** POST draft/batchget {"offset","count":1..20,"no_content":0|1}, most recently updated first. */
export const batchGetDraftsRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const body = objectBody(json())
    const { offset, count } = pageOf(body)
    const withContent = body['no_content'] !== 1
    const drafts = [...context.store.drafts.values()].sort((a, b) => b.updatedAt - a.updatedAt)
    const page = drafts.slice(offset, offset + count)
    return {
      total_count: drafts.length,
      item_count: page.length,
      item: page.map((draft) => ({ media_id: draft.mediaId, content: groupOnWire(context, draft, withContent), update_time: seconds(draft.updatedAt) })),
    }
  },
}

/** GET draft/count → {"total_count"} */
export const countDraftsRoute: ApiRoute = {
  method: 'GET',
  needsToken: true,
  handle({ context }) {
    return { total_count: context.store.drafts.size }
  },
}

export function groupOnWire(context: EmulatorContext, group: ArticleGroupRecord, withContent: boolean, pagePath = 'draft'): Record<string, unknown> {
  return {
    news_item: group.articles.map((_, index) => articleOnWire(context, group, index, withContent, pagePath)),
    create_time: seconds(group.createdAt),
    update_time: seconds(group.updatedAt),
  }
}
