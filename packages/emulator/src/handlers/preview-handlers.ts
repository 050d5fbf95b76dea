import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import type { ArticleGroupRecord, PreviewRecord } from '../types.js'
import type { JsonValue } from '../wire/raw-json.js'
import { isJsonObject } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { objectBody } from './request-fields.js'

/**
 * A 微信号 as Weixin issues them today: a letter, then 5 to 19 letters, digits, `_` or `-`.
 * Anything else (a nickname, a space, a pasted line break) is nobody's.
 */
const WXNAME = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/

/** Real msg_ids are 10-digit numbers. */
const firstMsgId = 3_147_483_648

const DAY_MS = 86_400_000
/** Weixin's quotas reset at midnight Beijing time (UTC+8). */
const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The day (Beijing time) a clock reading falls on: the preview quota counts per day. */
export function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS)
}

/**
 * POST message/mass/preview {"towxname"|"touser", "mpnews":{"media_id"}, "msgtype":"mpnews"} →
 * {"errcode":0,"errmsg":"preview success","msg_id":N}. Sends one draft (or news item) to one
 * follower's phone. Checked in this order: the account (48001 unverified), the body (47001: not
 * exactly one of towxname/touser, or a field of the wrong type), the message type (40008: only
 * mpnews is emulated), the media_id (40007: no such draft or news item), the recipient (40003),
 * the day's quota (45009).
 */
export const previewRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    if (context.faults.unverified) throw new WeixinFault(48001)
    const body = objectBody(json())
    const to = recipientOf(body)
    if (typeof body['msgtype'] !== 'string') throw new WeixinFault(47001)
    if (body['msgtype'] !== 'mpnews') throw new WeixinFault(40008)
    const mpnews = body['mpnews']
    if (mpnews !== undefined && !isJsonObject(mpnews)) throw new WeixinFault(47001)
    const found = sentMedia(context, mpnews?.['media_id'])
    if (!isKnown(context, to)) throw new WeixinFault(40003)
    const { store } = context
    const today = beijingDay(context.now())
    const sentToday = store.previews.filter((preview) => beijingDay(preview.at) === today).length
    if (sentToday >= context.previews.quota) throw new WeixinFault(45009)
    const record: PreviewRecord = {
      msgId: firstMsgId + store.previews.length,
      mediaId: found.group.mediaId,
      source: found.source,
      to,
      titles: found.group.articles.map((article) => article.title),
      at: context.now(),
    }
    store.previews.push(record)
    return { errcode: 0, errmsg: 'preview success', msg_id: record.msgId }
  },
}

/** Exactly one of towxname (a 微信号) and touser (an openid), as a string; else 47001. */
function recipientOf(body: { [key: string]: JsonValue }): PreviewRecord['to'] {
  const wxname = body['towxname']
  const openid = body['touser']
  // Weixin documents towxname winning when both are given; the emulator refuses the ambiguity.
  if ((wxname === undefined) === (openid === undefined)) throw new WeixinFault(47001)
  if (wxname !== undefined) {
    if (typeof wxname !== 'string') throw new WeixinFault(47001)
    return { wxname }
  }
  if (typeof openid !== 'string') throw new WeixinFault(47001)
  return { openid }
}

/** The draft (or news item) a preview sends, else 40007. */
function sentMedia(context: EmulatorContext, mediaId: JsonValue | undefined): { group: ArticleGroupRecord; source: 'draft' | 'news' } {
  if (typeof mediaId === 'string') {
    const draft = context.store.drafts.get(mediaId)
    if (draft !== undefined) return { group: draft, source: 'draft' }
    const news = context.store.news.get(mediaId)
    if (news !== undefined) return { group: news, source: 'news' }
  }
  throw new WeixinFault(40007)
}

/** Whether the recipient is a follower the emulator knows (see EmulatorOptions.unknownWxnames, followerOpenids). */
function isKnown(context: EmulatorContext, to: PreviewRecord['to']): boolean {
  if ('wxname' in to) return WXNAME.test(to.wxname) && !context.previews.unknownWxnames.has(to.wxname)
  return context.previews.followerOpenids.has(to.openid)
}
