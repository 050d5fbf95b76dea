import type { PublishState, WeixinClient } from '@mdwx/weixin'
import { articleError } from './article-message.js'
import { errcodeOf } from './article-api.js'
import type { PublishedArticle } from './lock-file.js'
import type { ArticleReport } from './report.js'

const noPermissionErrcode = 48001

/** Why Weixin did not publish. */
const publishFailures: Partial<Record<PublishState, string>> = {
  'originality-failed': 'the originality check failed',
  failed: 'publishing failed',
  rejected: 'it was rejected by review',
  deleted: 'it was deleted',
  banned: 'it was banned',
}

/**
 * freepublish/submit, then waits until Weixin says published or failed. Accounts that may not
 * publish through the API (48001: unverified accounts since July 2025) keep the draft: that is
 * not a failure of the article, the person publishes it in the console.
 */
export async function submitDraft(client: WeixinClient, entry: PublishedArticle, report: ArticleReport, path: string): Promise<void> {
  let publishId: string
  try {
    publishId = (await client.submitPublish(entry.mediaId)).publishId
  } catch (error) {
    if (errcodeOf(error) !== noPermissionErrcode) throw error
    report.messages.push({
      path,
      severity: 'warning',
      message: 'The draft is ready, but this account may not publish through the API (48001).',
      ruleId: 'publish-not-permitted',
      hint: 'Publish it by hand: mp.weixin.qq.com → 内容与互动 → 草稿箱 → 发表.',
    })
    return
  }
  entry.publishId = publishId
  report.publishId = publishId
  const status = await client.waitForPublish(publishId)
  if (status.status === 'published') {
    const url = status.articleUrls[0]
    if (url !== undefined) {
      entry.articleUrl = url
      report.articleUrl = url
    }
    return
  }
  const why = publishFailures[status.status] ?? `Weixin answered publish_status ${status.statusCode}`
  report.status = 'failed'
  report.messages.push(
    articleError(path, `The draft was submitted but not published: ${why}.`, {
      ruleId: 'publish-rejected',
      hint: 'See the reason in mp.weixin.qq.com → 内容与互动 → 发表记录; the draft is kept.',
    }),
  )
}
