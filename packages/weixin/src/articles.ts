import { expectOption } from '@mdwx/errors'

/** An article as TypeScript sees it; the wire uses the snake_case names in WIRE_NAMES. */
export interface WeixinArticle {
  title: string
  /** HTML with inline styles only; under 20,000 characters and 1 MB. */
  content: string
  author?: string | undefined
  digest?: string | undefined
  /** The "read more" link. */
  contentSourceUrl?: string | undefined
  /** A permanent media_id from addMaterial (type image or thumb); required by addNews. */
  thumbMediaId?: string | undefined
  showCoverPic?: boolean | undefined
  needOpenComment?: boolean | undefined
  onlyFansCanComment?: boolean | undefined
  /** Cover crop as "x1_y1_x2_y2", each in [0, 1]. */
  picCrop235_1?: string | undefined
  picCrop1_1?: string | undefined
}

/** An article read back from the draft box, with the URLs Weixin adds. */
export interface WeixinDraftArticle extends WeixinArticle {
  /** A temporary preview link. */
  url?: string | undefined
  thumbUrl?: string | undefined
}

const TEXT_FIELDS = {
  title: 'title',
  content: 'content',
  author: 'author',
  digest: 'digest',
  contentSourceUrl: 'content_source_url',
  thumbMediaId: 'thumb_media_id',
  picCrop235_1: 'pic_crop_235_1',
  picCrop1_1: 'pic_crop_1_1',
} as const

// Weixin wants these as 0/1.
const FLAG_FIELDS = {
  showCoverPic: 'show_cover_pic',
  needOpenComment: 'need_open_comment',
  onlyFansCanComment: 'only_fans_can_comment',
} as const

type TextField = keyof typeof TEXT_FIELDS
type FlagField = keyof typeof FLAG_FIELDS

/**
 * The fields an endpoint marks required (WEIXIN-API.md "Article"), sent even when there is
 * nothing to say: empty text, flag 0. add_news and update_news refuse an article that lacks
 * `content_source_url` or `show_cover_pic` (44003) although both may be empty or 0. Title and
 * content are always sent; a cover left out goes as '' so that Weixin names the problem (40007).
 */
export interface ArticleContract {
  /** Fields sent as '' when absent. */
  text: readonly TextField[]
  /** Fields sent as 0 when absent. */
  flags: readonly FlagField[]
}

export const NEWS_CONTRACT: ArticleContract = { text: ['thumbMediaId', 'contentSourceUrl'], flags: ['showCoverPic'] }
export const DRAFT_CONTRACT: ArticleContract = { text: ['thumbMediaId'], flags: [] }

/**
 * The wire form of `article` under an endpoint's contract; `name` says which argument it was,
 * for the error message.
 */
export function toWireArticle(article: WeixinArticle, name: string, contract: ArticleContract): Record<string, string | number> {
  expectOption(typeof article === 'object' && article !== null && !Array.isArray(article), 'an article object', name, article)
  expectOption(typeof article.title === 'string', 'a string', `${name}.title`, article.title)
  expectOption(typeof article.content === 'string', 'a string', `${name}.content`, article.content)
  const wire: Record<string, string | number> = {}
  for (const field of contract.text) wire[TEXT_FIELDS[field]] = ''
  for (const field of contract.flags) wire[FLAG_FIELDS[field]] = 0
  for (const [field, wireName] of Object.entries(TEXT_FIELDS) as [TextField, string][]) {
    const value = article[field]
    if (value === undefined) continue
    expectOption(typeof value === 'string', 'a string', `${name}.${field}`, value)
    wire[wireName] = value
  }
  for (const [field, wireName] of Object.entries(FLAG_FIELDS) as [FlagField, string][]) {
    const value = article[field]
    if (value === undefined) continue
    expectOption(typeof value === 'boolean', 'true or false', `${name}.${field}`, value)
    wire[wireName] = value ? 1 : 0
  }
  return wire
}

/** `articles` on the wire, checked to be a non-empty list. */
export function toWireArticles(articles: readonly WeixinArticle[], contract: ArticleContract): Record<string, string | number>[] {
  expectOption(Array.isArray(articles) && articles.length > 0, 'a non-empty array of articles', 'articles', articles)
  return articles.map((article, index) => toWireArticle(article, `articles[${index}]`, contract))
}

export function fromWireArticle(wire: Record<string, unknown>): WeixinDraftArticle {
  const article: WeixinDraftArticle = { title: String(wire['title'] ?? ''), content: String(wire['content'] ?? '') }
  for (const [field, wireName] of Object.entries(TEXT_FIELDS) as [TextField, string][]) {
    const value = wire[wireName]
    if (typeof value === 'string') article[field] = value
  }
  for (const [field, wireName] of Object.entries(FLAG_FIELDS) as [FlagField, string][]) {
    const value = wire[wireName]
    if (value !== undefined && value !== null) article[field] = Number(value) === 1
  }
  if (typeof wire['url'] === 'string') article.url = wire['url']
  if (typeof wire['thumb_url'] === 'string') article.thumbUrl = wire['thumb_url']
  return article
}
