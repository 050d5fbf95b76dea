import type { ArticleMessage } from './article-message.js'

export type ArticleStatus = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'
export type ArticleTarget = 'news' | 'draft'

export interface ArticleReport {
  /** Absolute path of the Markdown file. */
  path: string
  /** As recorded in the lock file: relative to it, `/`-separated. */
  key: string
  title: string
  /** In a dry run: what would happen. */
  status: ArticleStatus
  target?: ArticleTarget
  mediaId?: string
  /** 0-based position of the article in its news/draft (0 for an article of its own). */
  index?: number
  /** The push the article belongs to, when it is one of two or more: its name, the article's place (0: the headline) and the number of articles. */
  push?: { name: string; index: number; total: number }
  publishId?: string
  articleUrl?: string
  /** The draft sent to a phone (`previewTo`): a push's articles all carry its one preview. */
  preview?: PreviewReport
  imagesUploaded: number
  imagesReused: number
  /**
   * The length of its content as `check` and the limits measure it (pictures at the length of an
   * uploaded URL): UTF-16 code units and UTF-8 bytes. Absent when it was not rendered (unchanged).
   */
  characters?: number
  bytes?: number
  messages: ArticleMessage[]
}

/** A draft sent to one person's phone (message/mass/preview). Never counted as publishing. */
export interface PreviewReport {
  /** The 微信号, or `openid <openid>`, as given. */
  to: string
  /**
   * `sent` by this run; `already-sent`: this version went to them in an earlier run; `failed`:
   * Weixin refused (an error message says why); `unconfirmed`: the answer was lost, it may have
   * arrived (the next run sends it again); `would-send`: a dry run's answer.
   */
  status: 'sent' | 'already-sent' | 'failed' | 'unconfirmed' | 'would-send'
  /** Weixin's msg_id, digits kept whole. */
  msgId?: string
}

export interface PublishTotals {
  articles: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  /** Distinct images (and covers) uploaded in this run. */
  imagesUploaded: number
  /** Image uses served by an earlier upload (lock file) or by another article of this run. */
  imagesReused: number
  bytesUploaded: number
  /** Requests sent to Weixin, token requests and retries included. */
  apiCalls: number
  durationMs: number
}

export interface PublishReport {
  dryRun: boolean
  /** The account the lock file entries are recorded under. */
  appId: string
  lockFile: string
  articles: ArticleReport[]
  totals: PublishTotals
  errors: number
  warnings: number
}

export function countStatuses(articles: readonly ArticleReport[]): Pick<PublishTotals, ArticleStatus> {
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 }
  for (const article of articles) counts[article.status]++
  return counts
}
