import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { addArticleGroup, updateArticleGroup } from './article-groups.js'

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
    return addArticleGroup(context, context.store.news, json(), true)
  },
}

/** POST material/update_news {"media_id","index","articles":{...}} */
export const updateNewsRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    requireNewsApi(context)
    return updateArticleGroup(context, context.store.news, json(), true)
  },
}
