/** Where a freepublish job stands, from publish_status 0–6. */
export type PublishState =
  | 'published'
  | 'publishing'
  | 'originality-failed'
  | 'failed'
  | 'rejected'
  | 'deleted'
  | 'banned'
  | 'unknown'

export interface PublishStatus {
  publishId: string
  status: PublishState
  /** Weixin's publish_status as sent. */
  statusCode: number
  /** Set once published. */
  articleId?: string
  /** One per published article, in order. */
  articleUrls: string[]
  /** Indexes (1-based, as Weixin counts) of the articles that failed. */
  failedIndexes: number[]
}

const STATES: readonly PublishState[] = ['published', 'publishing', 'originality-failed', 'failed', 'rejected', 'deleted', 'banned']

export function fromWirePublishStatus(publishId: string, wire: Record<string, unknown>): PublishStatus {
  const statusCode = Number(wire['publish_status'])
  const status: PublishStatus = {
    publishId,
    status: STATES[statusCode] ?? 'unknown',
    statusCode,
    articleUrls: articleUrls(wire['article_detail']),
    failedIndexes: Array.isArray(wire['fail_idx']) ? wire['fail_idx'].map(Number).filter(Number.isFinite) : [],
  }
  const articleId = wire['article_id']
  if ((typeof articleId === 'string' && articleId !== '') || typeof articleId === 'number') status.articleId = String(articleId)
  return status
}

function articleUrls(detail: unknown): string[] {
  const items = typeof detail === 'object' && detail !== null ? (detail as { item?: unknown }).item : undefined
  if (!Array.isArray(items)) return []
  return items.flatMap((item: unknown) => {
    const url = typeof item === 'object' && item !== null ? (item as { article_url?: unknown }).article_url : undefined
    return typeof url === 'string' ? [url] : []
  })
}
