import { acceptArticleList, acceptSingleArticle } from '../articles/accept-articles.js'
import { newMediaId } from '../media/ids.js'
import type { EmulatorContext } from '../server/context.js'
import type { ArticleGroupRecord } from '../types.js'
import type { JsonValue } from '../wire/raw-json.js'
import { articleRules } from './article-rules.js'
import { ok } from './article-wire.js'
import { articleIndex, existingGroup, objectBody } from './request-fields.js'

/**
 * Drafts and news materials are stored and edited the same way; news additionally require
 * `show_cover_pic`. `{"articles":[...]}` → `{"media_id"}` (no errcode, as the real answers).
 */
export function addArticleGroup(context: EmulatorContext, groups: Map<string, ArticleGroupRecord>, json: JsonValue, isNews: boolean): Record<string, unknown> {
  const articles = acceptArticleList(objectBody(json)['articles'], articleRules(context, isNews))
  const mediaId = newMediaId()
  const now = context.now()
  groups.set(mediaId, { mediaId, articles, createdAt: now, updatedAt: now, sequence: context.store.nextSequence() })
  return { media_id: mediaId }
}

/** `{"media_id","index","articles":{...}}`: replaces one article; `articles` is ONE object. */
export function updateArticleGroup(context: EmulatorContext, groups: Map<string, ArticleGroupRecord>, json: JsonValue, isNews: boolean): Record<string, unknown> {
  const body = objectBody(json)
  const group = existingGroup(groups, body['media_id'])
  const index = articleIndex(body['index'], group)
  group.articles[index] = acceptSingleArticle(body['articles'], articleRules(context, isNews), group.articles.length)
  group.updatedAt = context.now()
  group.sequence = context.store.nextSequence()
  return { ...ok }
}
