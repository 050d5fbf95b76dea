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
 *
 * A draft is submitted once. Its publish id goes into the lock file before the wait (which can
 * take minutes), so a run stopped meanwhile is followed by one that waits on the same job: the
 * draft has left the draft box, and submitting it again would only fail.
 */
export async function submitDraft(
  client: WeixinClient,
  entry: PublishedArticle,
  report: ArticleReport,
  path: string,
  saveLock: () => Promise<void>,
): Promise<void> {
  const publishId = entry.publishId ?? (await submit(client, entry, report, path))
  if (publishId === undefined) return
  if (entry.publishId === undefined) {
    entry.publishId = publishId
    await saveLock()
  }
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
      hint: 'See the reason in mp.weixin.qq.com → 内容与互动 → 发表记录. Change the article and run again (or run with --force) to create and submit a new draft.',
    }),
  )
}

/** The new publish id, or undefined when the account may not publish through the API. */
async function submit(client: WeixinClient, entry: PublishedArticle, report: ArticleReport, path: string): Promise<string | undefined> {
  try {
    return (await client.submitPublish(entry.mediaId)).publishId
  } catch (error) {
    if (errcodeOf(error) !== noPermissionErrcode) throw error
    report.messages.push({
      path,
      severity: 'warning',
      message: 'The draft is ready, but this account may not publish through the API (48001).',
      ruleId: 'publish-not-permitted',
      hint: 'Publish it by hand: mp.weixin.qq.com → 内容与互动 → 草稿箱 → 发表.',
    })
    return undefined
  }
}
