import { acceptArticleList, acceptSingleArticle } from '../articles/accept-articles.js'
import { newMediaId } from '../media/ids.js'
import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { articleIndex, articleRules, existingGroup, objectBody, ok } from './article-rules.js'

/** Retired by Weixin on 2022-02-28: every real account answers 45103 unless told otherwise. */
function requireNewsApi(context: EmulatorContext): void {
  if (context.newsApi === 'retired') throw new WeixinFault(45103)
}

/** POST material/add_news {"articles":[...]} → {"media_id"}; `show_cover_pic` required. */
export const addNewsRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireNewsApi(context)
    const articles = acceptArticleList(objectBody(json())['articles'], articleRules(context, true))
    const mediaId = newMediaId()
    const now = context.now()
    context.store.news.set(mediaId, { mediaId, articles, createdAt: now, updatedAt: now })
    return { media_id: mediaId }
  },
}

/** POST material/update_news {"media_id","index","articles":{...}} */
export const updateNewsRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireNewsApi(context)
    const body = objectBody(json())
    const news = existingGroup(context.store.news, body['media_id'])
    const index = articleIndex(body['index'], news)
    news.articles[index] = acceptSingleArticle(body['articles'], articleRules(context, true), news.articles.length)
    news.updatedAt = context.now()
    return { ...ok }
  },
}
