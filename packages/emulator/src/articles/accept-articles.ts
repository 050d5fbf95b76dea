import type { ContentPolicy } from '../content/treat-content.js'
import { treatContent } from '../content/treat-content.js'
import { textOf } from '../content/text-of.js'
import type { StoredArticle } from '../types.js'
import { type JsonValue, isJsonObject } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'

/**
 * Limits as the current documentation states them. Lengths are UTF-16 code units (JavaScript's
 * `length`): the stricter of the two readings, as an emoji counts 2. Chinese text counts 1 a
 * character either way.
 */
export const articleLimits = {
  articles: 8,
  title: 32,
  author: 16,
  digest: 128,
  /**
   * Content must be under 20,000 characters. Weixin also says "under 1 MB", which 20,000 UTF-16
   * units (at most 3 UTF-8 bytes each, 60 KB) can never reach, so only the count is checked.
   */
  contentCharacters: 20_000,
  /** Characters of body text the backend takes as digest when a single article has none. */
  autoDigest: 54,
  newspicImages: 20,
} as const

/**
 * Fields an article must carry whatever their value (add_news marks `show_cover_pic` and
 * `content_source_url` required; empty is allowed for the latter). Title, content and
 * `thumb_media_id` are checked for being non-empty on every endpoint, below.
 */
export type PresenceField = 'show_cover_pic' | 'content_source_url'

export interface ArticleRules {
  /** add_news / update_news: `show_cover_pic` and `content_source_url` must be present. */
  requiredFields: readonly PresenceField[]
  /** A permanent image or thumb material of this account. */
  isCoverMediaId(mediaId: string): boolean
  /** A permanent image material (newspic image lists). */
  isImageMediaId(mediaId: string): boolean
  commentsClosed: boolean
  content: ContentPolicy
}

/** `articles` of draft/add and add_news: 1 to 8 articles. */
export function acceptArticleList(value: JsonValue | undefined, rules: ArticleRules): StoredArticle[] {
  if (value === undefined || value === null) throw new WeixinFault(44003)
  if (!Array.isArray(value)) throw new WeixinFault(47001)
  if (value.length === 0) throw new WeixinFault(44003)
  if (value.length > articleLimits.articles) throw new WeixinFault(45008)
  const articles = value.map((article) => acceptArticle(article, rules))
  if (articles.length === 1) fillDigest(articles[0] as StoredArticle)
  return articles
}

/** `articles` of draft/update and update_news: ONE object (an array is 47001). */
export function acceptSingleArticle(value: JsonValue | undefined, rules: ArticleRules, groupSize: number): StoredArticle {
  if (value === undefined || value === null) throw new WeixinFault(44003)
  const article = acceptArticle(value, rules)
  if (groupSize === 1) fillDigest(article)
  return article
}

function acceptArticle(value: JsonValue, rules: ArticleRules): StoredArticle {
  if (!isJsonObject(value)) throw new WeixinFault(47001)
  const field = (name: string): JsonValue | undefined => (Object.hasOwn(value, name) ? value[name] : undefined)

  const articleType = field('article_type') ?? 'news'
  if (articleType !== 'news' && articleType !== 'newspic') throw new WeixinFault(40097)

  const title = stringField(field('title'))
  if (title === '') throw new WeixinFault(44003)
  if (title.length > articleLimits.title) throw new WeixinFault(45003)
  const author = stringField(field('author'))
  if (author.length > articleLimits.author) throw new WeixinFault(45110)
  const digest = stringField(field('digest'))
  if (digest.length > articleLimits.digest) throw new WeixinFault(45004)

  const content = stringField(field('content'))
  if (content === '') throw new WeixinFault(44004)
  if (content.length >= articleLimits.contentCharacters) throw new WeixinFault(45002)

  const contentSourceUrl = stringField(field('content_source_url'))
  if (contentSourceUrl !== '' && !isWebUrl(contentSourceUrl)) throw new WeixinFault(41039)

  const thumbMediaId = stringField(field('thumb_media_id'))
  if (articleType === 'news' && !rules.isCoverMediaId(thumbMediaId)) throw new WeixinFault(40007)
  if (articleType === 'newspic' && thumbMediaId !== '' && !rules.isCoverMediaId(thumbMediaId)) throw new WeixinFault(40007)
  const imageMediaIds = articleType === 'newspic' ? newspicImages(field('image_info'), rules) : []

  // Absent (or null) is not the same as empty: add_news refuses an article without these keys.
  // 44003 "empty news data" rather than 47001: the body parsed, it is the article that is short.
  for (const name of rules.requiredFields) {
    if (field(name) === undefined || field(name) === null) throw new WeixinFault(44003)
  }
  const showCoverPic = flagField(field('show_cover_pic'))
  const needOpenComment = flagField(field('need_open_comment'))
  const onlyFansCanComment = flagField(field('only_fans_can_comment'))
  if (needOpenComment === 1 && rules.commentsClosed) throw new WeixinFault(88000)

  return {
    article_type: articleType,
    title,
    author,
    digest,
    // Image posts carry plain text; news carry HTML as the editor keeps it.
    content: articleType === 'newspic' ? textOf(content) : treatContent(content, rules.content),
    content_source_url: contentSourceUrl,
    thumb_media_id: thumbMediaId,
    show_cover_pic: showCoverPic,
    need_open_comment: needOpenComment,
    only_fans_can_comment: onlyFansCanComment,
    pic_crop_235_1: cropField(field('pic_crop_235_1')),
    pic_crop_1_1: cropField(field('pic_crop_1_1')),
    image_media_ids: imageMediaIds,
  }
}

/** A missing or null string field is ''; any other type is 47001 data format error. */
function stringField(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') throw new WeixinFault(47001)
  return value
}

/** 0/1 fields: numbers 0 or 1 only (no booleans, no strings). */
function flagField(value: JsonValue | undefined): 0 | 1 {
  if (value === undefined || value === null) return 0
  if (value !== 0 && value !== 1) throw new WeixinFault(47001)
  return value
}

/** `x1_y1_x2_y2` with coordinates in [0, 1] and x1 < x2, y1 < y2; else 40097 invalid args. */
function cropField(value: JsonValue | undefined): string {
  const crop = stringField(value)
  if (crop === '') return ''
  const parts = crop.split('_')
  const numbers = parts.map((part) => (/^\d+(?:\.\d+)?$/.test(part) ? Number(part) : Number.NaN))
  const [x1, y1, x2, y2] = numbers as [number, number, number, number]
  const valid = parts.length === 4 && numbers.every((n) => n >= 0 && n <= 1) && x1 < x2 && y1 < y2
  if (!valid) throw new WeixinFault(40097)
  return crop
}

function newspicImages(value: JsonValue | undefined, rules: ArticleRules): string[] {
  if (value === undefined || value === null) throw new WeixinFault(44003)
  const list = isJsonObject(value) ? value['image_list'] : undefined
  if (!Array.isArray(list)) throw new WeixinFault(47001)
  if (list.length === 0) throw new WeixinFault(44003)
  if (list.length > articleLimits.newspicImages) throw new WeixinFault(45008)
  return list.map((item) => {
    const mediaId = isJsonObject(item) ? stringField(item['image_media_id']) : ''
    if (!rules.isImageMediaId(mediaId)) throw new WeixinFault(40007)
    return mediaId
  })
}

function isWebUrl(value: string): boolean {
  if (value.length > 1024 || /\s/.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

/** An empty digest of a single-article group becomes the start of the body, as on Weixin. */
function fillDigest(article: StoredArticle): void {
  if (article.digest !== '') return
  article.digest = Array.from(textOf(article.content)).slice(0, articleLimits.autoDigest).join('')
}
