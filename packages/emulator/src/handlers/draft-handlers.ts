import type { ApiRoute } from '../server/api-route.js'
import { addArticleGroup, updateArticleGroup } from './article-groups.js'
import { groupOnWire, groupPage, ok } from './article-wire.js'
import { existingGroup, objectBody, pageOf } from './request-fields.js'

/** POST draft/add {"articles":[...]} → {"media_id"} (no errcode, as the real one). */
export const addDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle: ({ context, json }) => addArticleGroup(context, context.store.drafts, json(), false),
}

/** POST draft/update {"media_id","index","articles":{...}}: `articles` is ONE object. */
export const updateDraftRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle: ({ context, json }) => updateArticleGroup(context, context.store.drafts, json(), false),
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
    return groupPage(context, context.store.drafts.values(), pageOf(body), body['no_content'] !== 1, 'draft')
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
