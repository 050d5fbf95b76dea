import { expectOneOf, expectOption, expectString } from '@mdwx/errors'
import { fromWireMaterialCount, type MaterialCount } from './material-count.js'
import { optionalString, requireString } from './answers.js'
import { DRAFT_CONTRACT, NEWS_CONTRACT, fromWireArticle, toWireArticle, toWireArticles, type ArticleContract, type WeixinArticle, type WeixinDraftArticle } from './articles.js'
import { jsonBody, jsonText, multipartBody, type MultipartPart } from './bodies.js'
import { fromWireGroupPage, fromWirePublicationPage, isRecord, type ArticlePage, type ListOptions, type ListedArticleGroup, type ListedPublication } from './article-pages.js'
import { ApiCaller, type ClientStats } from './caller.js'
import { WeixinPublishTimeoutError } from './errors.js'
import { uploadFilename } from './media-type.js'
import { resolveOptions, type WeixinClientOptions } from './options.js'
import { PREVIEW_ENDPOINT, previewBody, type SendPreviewInput } from './phone-preview.js'
import { fromWirePublishStatus, type PublishStatus } from './publish-status.js'
import { linkSignals, sleep } from './sleep.js'

export type MaterialType = 'image' | 'thumb' | 'voice' | 'video'

export interface UploadInput {
  data: Uint8Array
  /** Optional: the extension is set from the bytes (a PNG named a.jpg is sent as a.png). */
  filename?: string | undefined
}

export interface AddMaterialInput extends UploadInput {
  type: MaterialType
  /** Required for video. */
  title?: string | undefined
  /** Video only. */
  introduction?: string | undefined
}

export interface UpdateArticleInput {
  mediaId: string
  /** 0-based position in the news item or draft. */
  index: number
  article: WeixinArticle
}

export interface WaitForPublishOptions {
  /** Between polls (default 3,000). */
  intervalMs?: number | undefined
  /** Give up after (default 600,000) with WeixinPublishTimeoutError. */
  timeoutMs?: number | undefined
  signal?: AbortSignal | undefined
}

export interface WeixinClient {
  /** An image for article content (JPG/PNG under 1 MB); not in the material library, no media_id. */
  uploadArticleImage(input: UploadInput): Promise<{ url: string }>
  /** A permanent material; an image's media_id can be a cover (thumbMediaId). */
  addMaterial(input: AddMaterialInput): Promise<{ mediaId: string; url?: string }>
  /** Retired by Weixin in 2022 (45103 on real accounts); kept for accounts and emulators that still answer. */
  addNews(articles: readonly WeixinArticle[]): Promise<{ mediaId: string }>
  updateNews(input: UpdateArticleInput): Promise<void>
  addDraft(articles: readonly WeixinArticle[]): Promise<{ mediaId: string }>
  updateDraft(input: UpdateArticleInput): Promise<void>
  getDraft(mediaId: string): Promise<{ articles: WeixinDraftArticle[] }>
  deleteDraft(mediaId: string): Promise<void>
  /** A page of the draft box (draft/batchget), most recently updated first. */
  listDrafts(options?: ListOptions): Promise<ArticlePage<ListedArticleGroup>>
  /** A page of the news items in the material library (batchget_material type news), newest first. */
  listNews(options?: ListOptions): Promise<ArticlePage<ListedArticleGroup>>
  /** A page of the published articles (freepublish/batchget), newest first. */
  listPublished(options?: ListOptions): Promise<ArticlePage<ListedPublication>>
  /** Starts publishing a draft; Weixin only accepts the job here (see waitForPublish). */
  submitPublish(mediaId: string): Promise<{ publishId: string }>
  getPublishStatus(publishId: string): Promise<PublishStatus>
  /** Polls until the job leaves 'publishing' and returns its status (success or not). */
  waitForPublish(publishId: string, options?: WaitForPublishOptions): Promise<PublishStatus>
  getMaterialCount(): Promise<MaterialCount>
  deleteMaterial(mediaId: string): Promise<void>
  /**
   * Sends a draft (or news item) to one person's WeChat as a preview (message/mass/preview,
   * msgtype mpnews): `to` is `{ wxname }` (their 微信号) or `{ openid }`. Verified accounts only
   * (48001); about 100 a day to a 微信号 (45009). Not publishing: nobody else sees it.
   */
  sendPreview(input: SendPreviewInput): Promise<{ msgId?: string }>
  /** Counters over the client's life. */
  stats(): ClientStats
  /** Closes the client's private connection pool; later calls throw MDWX_WEIXIN_CLOSED. */
  close(): Promise<void>
}

const DEFAULT_POLL_INTERVAL_MS = 3_000
const DEFAULT_PUBLISH_TIMEOUT_MS = 600_000

export function createWeixinClient(options: WeixinClientOptions): WeixinClient {
  const resolved = resolveOptions(options)
  const caller = new ApiCaller(resolved)

  const postJson = (endpoint: string, body: unknown) => caller.call({ endpoint, body: jsonBody(body) })
  // A call that creates an article or a publish job: a timeout may hide a success (see ApiCall.creates).
  const create = (endpoint: string, body: unknown) => caller.call({ endpoint, body: jsonBody(body), creates: true })

  const getPublishStatus = async (publishId: string, signal?: AbortSignal): Promise<PublishStatus> => {
    const id = publishIdArgument(publishId)
    // A numeric id goes back as the JSON number Weixin sent, digit for digit.
    const body = jsonText(`{"publish_id":${/^\d+$/.test(id) ? id : JSON.stringify(id)}}`)
    return fromWirePublishStatus(id, await caller.call({ endpoint: 'freepublish/get', body, signal }))
  }

  return {
    async uploadArticleImage(input) {
      const endpoint = 'media/uploadimg'
      const body = multipartBody([mediaPart(input, 'uploadArticleImage')])
      return { url: requireString(await caller.call({ endpoint, body, upload: true }), 'url', endpoint) }
    },

    async addMaterial(input) {
      const endpoint = 'material/add_material'
      expectOption(typeof input === 'object' && input !== null, 'an object', 'addMaterial', input)
      expectOneOf(input.type, ['image', 'thumb', 'voice', 'video'], 'addMaterial type')
      const parts: MultipartPart[] = [mediaPart(input, 'addMaterial')]
      if (input.type === 'video') {
        expectString(input.title, 'addMaterial title (required for video)')
        const introduction = input.introduction ?? ''
        expectOption(typeof introduction === 'string', 'a string', 'addMaterial introduction', introduction)
        parts.push({ name: 'description', value: JSON.stringify({ title: input.title, introduction }) })
      }
      const answer = await caller.call({ endpoint, query: `type=${input.type}`, body: multipartBody(parts), upload: true })
      const url = optionalString(answer, 'url')
      const mediaId = requireString(answer, 'media_id', endpoint)
      return url === undefined ? { mediaId } : { mediaId, url }
    },

    async addNews(articles) {
      const answer = await create('material/add_news', { articles: toWireArticles(articles, NEWS_CONTRACT) })
      return { mediaId: requireString(answer, 'media_id', 'material/add_news') }
    },

    async updateNews(input) {
      await postJson('material/update_news', updateBody(input, NEWS_CONTRACT))
    },

    async addDraft(articles) {
      const answer = await create('draft/add', { articles: toWireArticles(articles, DRAFT_CONTRACT) })
      return { mediaId: requireString(answer, 'media_id', 'draft/add') }
    },

    async updateDraft(input) {
      await postJson('draft/update', updateBody(input, DRAFT_CONTRACT))
    },

    async getDraft(mediaId) {
      const answer = await postJson('draft/get', { media_id: mediaIdArgument(mediaId) })
      const items = Array.isArray(answer['news_item']) ? (answer['news_item'] as unknown[]) : []
      return { articles: items.filter(isRecord).map(fromWireArticle) }
    },

    async deleteDraft(mediaId) {
      await postJson('draft/delete', { media_id: mediaIdArgument(mediaId) })
    },

    async listDrafts(listOptions) {
      return fromWireGroupPage(await postJson('draft/batchget', pageBody(listOptions)))
    },

    async listNews(listOptions) {
      const { no_content: _omitted, ...page } = pageBody(listOptions)
      return fromWireGroupPage(await postJson('material/batchget_material', { type: 'news', ...page }))
    },

    async listPublished(listOptions) {
      return fromWirePublicationPage(await postJson('freepublish/batchget', pageBody(listOptions)))
    },

    async submitPublish(mediaId) {
      const answer = await create('freepublish/submit', { media_id: mediaIdArgument(mediaId) })
      return { publishId: requireString(answer, 'publish_id', 'freepublish/submit') }
    },

    getPublishStatus: (publishId) => getPublishStatus(publishId),

    async waitForPublish(publishId, waitOptions = {}) {
      const intervalMs = waitOptions.intervalMs ?? DEFAULT_POLL_INTERVAL_MS
      const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS
      expectOption(Number.isFinite(intervalMs) && intervalMs >= 0, 'a number of milliseconds of 0 or more', 'intervalMs', intervalMs)
      expectOption(Number.isFinite(timeoutMs) && timeoutMs >= 0, 'a number of milliseconds of 0 or more', 'timeoutMs', timeoutMs)
      const linked = linkSignals(resolved.signal, waitOptions.signal)
      const started = Date.now()
      try {
        for (;;) {
          const status = await getPublishStatus(publishId, linked.signal)
          if (status.status !== 'publishing') return status
          const waited = Date.now() - started
          if (waited + intervalMs > timeoutMs) throw new WeixinPublishTimeoutError(status.publishId, waited)
          await sleep(intervalMs, linked.signal)
        }
      } finally {
        linked.dispose()
      }
    },

    async getMaterialCount() {
      return fromWireMaterialCount(await caller.call({ endpoint: 'material/get_materialcount', method: 'GET' }))
    },

    async deleteMaterial(mediaId) {
      await postJson('material/del_material', { media_id: mediaIdArgument(mediaId) })
    },

    async sendPreview(input) {
      // A preview is a message: a repeat after a lost answer would reach the phone twice.
      const answer = await create(PREVIEW_ENDPOINT, previewBody(input))
      const msgId = optionalString(answer, 'msg_id') ?? (typeof answer['msg_id'] === 'number' ? String(answer['msg_id']) : undefined)
      return msgId === undefined ? {} : { msgId }
    },

    stats: () => caller.stats(),
    close: () => caller.close(),
  }
}

function mediaPart(input: UploadInput, method: string): MultipartPart {
  expectOption(typeof input === 'object' && input !== null, 'an object', method, input)
  expectOption(input.data instanceof Uint8Array && input.data.byteLength > 0, 'non-empty bytes (a Uint8Array or Buffer)', `${method} data`, input.data)
  if (input.filename !== undefined) expectOption(typeof input.filename === 'string', 'a string', `${method} filename`, input.filename)
  const { filename, mime } = uploadFilename(input.data, input.filename)
  return { name: 'media', filename, contentType: mime, data: input.data }
}

function updateBody(input: UpdateArticleInput, contract: ArticleContract): Record<string, unknown> {
  expectOption(typeof input === 'object' && input !== null, 'an object with mediaId, index and article', 'update', input)
  expectOption(Number.isInteger(input.index) && input.index >= 0, 'a whole number of 0 or more', 'index', input.index)
  // `articles` is one object here, not a list: a list is answered with 47001.
  return { media_id: mediaIdArgument(input.mediaId), index: input.index, articles: toWireArticle(input.article, 'article', contract) }
}

/** offset, count (1 to 20) and no_content of the batchget calls. */
function pageBody(options: ListOptions = {}): { offset: number; count: number; no_content: 0 | 1 } {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'list options', options)
  const offset = options.offset ?? 0
  const count = options.count ?? 20
  expectOption(Number.isInteger(offset) && offset >= 0, 'a whole number of 0 or more', 'offset', offset)
  expectOption(Number.isInteger(count) && count >= 1 && count <= 20, 'a whole number from 1 to 20', 'count', count)
  return { offset, count, no_content: options.noContent === true ? 1 : 0 }
}

function mediaIdArgument(mediaId: string): string {
  expectString(mediaId, 'mediaId')
  return mediaId
}

function publishIdArgument(publishId: string | number): string {
  const id = String(publishId)
  expectOption((typeof publishId === 'string' && publishId !== '') || Number.isSafeInteger(publishId), 'a publish id', 'publishId', publishId)
  return id
}
