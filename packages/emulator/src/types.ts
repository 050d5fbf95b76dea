import type { AudioFormat, ImageFormat, MediaFormat } from './media/media-format.js'

export type { AudioFormat, ImageFormat, MediaFormat }

/** Misbehaviour to inject. `setFaults` replaces the whole set and restarts every counter. */
export interface Faults {
  /** Every Nth business call answers `{"errcode":-1,"errmsg":"system error"}`. */
  busyEvery?: number
  /** Every Nth API request answers HTTP 502 with an HTML body. */
  http5xxEvery?: number
  /** Every Nth API request: the socket is destroyed before any answer. */
  dropConnectionEvery?: number
  /** Each access token dies (42001) once it has served N business calls. */
  expireTokenAfter?: number
  /**
   * Another program rotates the token every N business calls (as a call to /cgi-bin/token or a
   * stable_token force_refresh does): after the Nth, the token it used dies at once (40001) and a
   * new one is current, which stable_token then hands out.
   */
  rotateTokenEvery?: number
  /**
   * The first N API requests are answered; the next one is carried out (its effect is kept: a
   * draft is created, a picture stored), then its connection is dropped before the answer. Once.
   */
  loseAnswerAfter?: number
  /**
   * The first N API requests are answered; every later one is held: never carried out, never
   * answered, as if the client had died before sending it. `whenCrashed()` resolves at the first
   * held request, for a test to kill the client there. Held requests are dropped by `setFaults`.
   */
  crashAfter?: number
  /** Milliseconds added before every API answer. */
  latencyMs?: number
  /** After N business calls, every further business call answers 45009. */
  dailyQuota?: number
  /** Every API call answers 40164 naming this IP. */
  ipNotWhitelisted?: string
  /**
   * The account's IP whitelist: a call from any other address answers 40164 naming the caller's
   * address (a relay on 127.0.0.2 passes, a client on 127.0.0.1 does not).
   */
  ipWhitelist?: string[]
  /** The account is not verified: `freepublish/*` and `message/mass/preview` answer 48001. */
  unverified?: boolean
  /** The account cannot open comments: an article with `need_open_comment: 1` answers 88000. */
  commentsClosed?: boolean
  /** Publishing ends in this status (2-6) instead of 0, with these article indexes in `fail_idx`. */
  publishFailure?: { status: 2 | 3 | 4 | 5 | 6; failIdx?: number[] }
  /** The next `times` (default 1) calls to `path` (e.g. 'media/uploadimg') answer this errcode. */
  scripted?: Array<{ path: string; errcode: number; errmsg?: string; times?: number }>
  /**
   * The next `times` (default 1) calls to `path` (e.g. 'message/mass/preview') are carried out
   * (a preview reaches the phone, a draft exists), then their connection is dropped before the
   * answer: `loseAnswerAfter` aimed at one endpoint, whatever came before it.
   */
  loseAnswerTo?: { path: string; times?: number }
}

export interface EmulatorOptions {
  /** Default 0: a free port. The host is always 127.0.0.1. */
  port?: number
  /** Default `DEMO_APP_ID`. */
  appId?: string
  /** Default `DEMO_APP_SECRET`. */
  appSecret?: string
  /** Default 'retired': add_news and update_news answer 45103, as on every real account since 2022. */
  newsApi?: 'retired' | 'available'
  /** Where uploaded images are said to live. Default: the emulator's own URL, which serves them. */
  imageBaseUrl?: string
  /** Lifetime of an access token. Default 7200. */
  tokenTtlSeconds?: number
  /** How long a submitted publish stays at status 1 (publishing). Default 1500. */
  publishDelayMs?: number
  /** The emulator's clock in milliseconds, so tests can move time (token expiry, grace, publishing). Default Date.now. */
  now?: () => number
  /**
   * message/mass/preview: previews accepted per day (midnight to midnight, Beijing time), after
   * which it answers 45009. Default 100, Weixin's documented limit for previews to a 微信号.
   */
  previewQuota?: number
  /**
   * 微信号 that no WeChat user has (or that do not follow the account): a preview to one answers
   * 40003. Every other 微信号 of Weixin's shape (a letter, then 5 to 19 letters, digits, _ or -)
   * is taken as a follower's.
   */
  unknownWxnames?: readonly string[]
  /**
   * Openids of the account's followers: a preview `touser` outside this list answers 40003.
   * Default `[DEMO_OPENID]`.
   */
  followerOpenids?: readonly string[]
  faults?: Faults
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: use it as the client's base URL (`WEIXIN_API_BASE`). */
  readonly url: string
  readonly state: EmulatorState
  setFaults(faults: Faults): void
  /** Resolves at the first request held by the `crashAfter` fault in force (a new wait after each `setFaults`). */
  whenCrashed(): Promise<void>
  close(): Promise<void>
}

/** One API request (`/cgi-bin/...`). Never holds the token or the secret. */
export interface CallRecord {
  method: string
  /** e.g. '/cgi-bin/media/uploadimg' (no query string). */
  path: string
  /** HTTP status answered; `null` when the connection was dropped, the answer lost or the request held. */
  status: number | null
  /**
   * The errcode answered (or, when the answer was lost, the one that would have been); 0 for a
   * success without errcode; `null` for a 5xx, a drop, a held request or a 404.
   */
  errcode: number | null
  /** Set when a fault took the answer: `dropped` before Weixin saw it, `answer-lost` after, `held` never. */
  fault?: 'dropped' | 'answer-lost' | 'held'
  /** The emulator clock when the request arrived. */
  at: number
}

export interface ImageRecord {
  url: string
  bytes: Buffer
  format: 'jpeg' | 'png'
  filename: string
  width: number
  height: number
  at: number
}

export type MaterialType = 'image' | 'thumb' | 'voice' | 'video'

export interface MaterialRecord {
  mediaId: string
  type: MaterialType
  /** The image URL (image and thumb materials); `undefined` for voice and video. */
  url: string | undefined
  bytes: Buffer
  format: MediaFormat
  filename: string
  /** Video only: from the `description` field. */
  title: string | undefined
  introduction: string | undefined
  at: number
  /** The store's change number when it was added: orders materials added in the same millisecond. */
  sequence: number
}

/** An article as the backend stores it (wire names), after content treatment. */
export interface StoredArticle {
  article_type: 'news' | 'newspic'
  title: string
  author: string
  digest: string
  content: string
  content_source_url: string
  thumb_media_id: string
  show_cover_pic: 0 | 1
  need_open_comment: 0 | 1
  only_fans_can_comment: 0 | 1
  pic_crop_235_1: string
  pic_crop_1_1: string
  /** newspic only: the image media_ids. */
  image_media_ids: string[]
}

/** A draft (draft/add) or a news material (add_news). */
export interface ArticleGroupRecord {
  mediaId: string
  articles: StoredArticle[]
  createdAt: number
  updatedAt: number
  /** The store's change number at its last change (creation or update): orders changes made in the same millisecond. */
  sequence: number
}

export interface PublishRecord {
  publishId: number
  /** The draft it was published from (the draft leaves the draft box on submit). */
  mediaId: string
  articles: StoredArticle[]
  submittedAt: number
  /** The store's change number when it was submitted: orders submits made in the same millisecond. */
  sequence: number
  /** 1 publishing, then 0 published (or the `publishFailure` status). */
  status: number
  articleId: string | undefined
  articleUrls: string[]
  failIdx: number[]
}

export interface TokenRecord {
  endpoint: 'token' | 'stable_token'
  /** True for stable_token calls with force_refresh that rotated the token. */
  forced: boolean
  expiresIn: number
  at: number
}

/** One preview sent to a phone (message/mass/preview). Weixin keeps no list of these: the emulator does, for tests. */
export interface PreviewRecord {
  /** The msg_id answered (a number, as Weixin sends it). */
  msgId: number
  /** The draft or news item sent. */
  mediaId: string
  /** Where the media_id was found. */
  source: 'draft' | 'news'
  /** The recipient as given: `{ wxname }` for towxname, `{ openid }` for touser. */
  to: { wxname: string } | { openid: string }
  /** The titles of its articles when it was sent (the draft may change or go afterwards). */
  titles: string[]
  at: number
}

/** Everything the emulator has seen and stored, for tests to assert on. */
export interface EmulatorState {
  readonly calls: readonly CallRecord[]
  readonly images: readonly ImageRecord[]
  readonly materials: ReadonlyMap<string, MaterialRecord>
  readonly drafts: ReadonlyMap<string, ArticleGroupRecord>
  readonly news: ReadonlyMap<string, ArticleGroupRecord>
  readonly publishes: ReadonlyMap<number, PublishRecord>
  /** Every token handed out (a new stable token, or each classic token call); never the token itself. */
  readonly tokensIssued: readonly TokenRecord[]
  /** Rotations made by the `rotateTokenEvery` fault ("another program" took a new token). */
  readonly tokenRotations: number
  /** Previews sent to phones (message/mass/preview accepted), oldest first. */
  readonly previews: readonly PreviewRecord[]
  /** How many calls reached `path` ('media/uploadimg' or '/cgi-bin/media/uploadimg'), optionally only those answered with `errcode`. */
  count(path: string, errcode?: number): number
}
