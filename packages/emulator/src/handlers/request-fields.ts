import type { ArticleGroupRecord } from '../types.js'
import { type JsonValue, isJsonObject } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'

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
