import type { PublishState, WeixinClient } from '@mdwx/weixin'
import { MAX_SENDS } from './article-api.js'
import { articleError } from './article-message.js'
import type { IntentLog } from './intent-log.js'
import type { AccountLock, ArticleIntent, LockFile, PublishedArticle } from './lock-file.js'
import { lookAfterLostAnswer, type Searcher } from './reconcile.js'
import type { ArticleReport } from './report.js'
import { certainlyNothingMade, errcodeOf, mayHaveSucceeded } from './weixin-outcome.js'

/** What submitting needs of the run. */
export interface SubmitRun {
  client: WeixinClient
  lock: LockFile
  account: AccountLock
  intents: IntentLog
  searcher: Searcher
}

const noPermissionErrcode = 48001

/** Why Weixin did not publish. */
const publishFailures: Partial<Record<PublishState, string>> = {
  'originality-failed': 'the originality check failed',
  failed: 'publishing failed',
  rejected: 'it was rejected by review',
  deleted: 'it was deleted',
  banned: 'it was banned',
}

/** The articles a submit publishes, in order: one, or a push's (entries share the media_id). */
export interface Submitted {
  entries: Array<{ entry: PublishedArticle; report: ArticleReport }>
  /** For a push: how its articles are recognised among the published ones after a lost answer. */
  push?: ArticleIntent['push']
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
export async function submitDraft(run: SubmitRun, key: string, entry: PublishedArticle, report: ArticleReport, path: string, submitted?: Submitted): Promise<void> {
  const { client, lock } = run
  const all = submitted ?? { entries: [{ entry, report }] }
  if (entry.publishId === undefined && !(await stillToSubmit(run, key, entry, report, path, all))) return
  const publishId = entry.publishId ?? (await submit(run, key, entry, report, path, all))
  if (publishId === undefined) return
  if (entry.publishId === undefined) {
    for (const member of all.entries) member.entry.publishId = publishId
    run.intents.end(key)
    await lock.save()
  }
  for (const member of all.entries) member.report.publishId = publishId
  const status = await client.waitForPublish(publishId)
  if (status.status === 'published') {
    recordUrls(all, status.articleUrls)
    return
  }
  const why = publishFailures[status.status] ?? `Weixin answered publish_status ${status.statusCode}`
  for (const member of all.entries) {
    member.report.status = 'failed'
    member.report.messages.push(
      articleError(member.report.path, `The draft was submitted but not published: ${why}.`, {
        ruleId: 'publish-rejected',
        hint: 'See the reason in mp.weixin.qq.com → 内容与互动 → 发表记录. Change the article and run again (or run with --force) to create and submit a new draft.',
      }),
    )
  }
}

/**
 * Whether the draft still has to be submitted, given what an earlier run may have done: a submit
 * intent left behind whose draft has left the draft box was accepted by Weixin, and the published
 * article is looked for instead of submitting again (which would only fail).
 */
async function stillToSubmit(run: SubmitRun, key: string, entry: PublishedArticle, report: ArticleReport, path: string, all: Submitted): Promise<boolean> {
  const intent = run.intents.get(key)
  if (intent?.action !== 'submit') return true
  if (intent.mediaId !== entry.mediaId || (await run.searcher.draftExists(intent.mediaId))) {
    run.intents.end(key)
    return true
  }
  await settleLostSubmission(run, key, intent, all, path, run.searcher.published(intent))
  return false
}

/** Each article's URL, in the order Weixin lists them, into its entry and report. */
function recordUrls(all: Submitted, urls: ReadonlyArray<string | undefined>): void {
  all.entries.forEach(({ entry, report }, index) => {
    const url = urls[index]
    if (url === undefined) return
    entry.articleUrl = url
    report.articleUrl = url
  })
}

/**
 * The new publish id, or undefined when the account may not publish through the API or when the
 * answer was lost after Weixin took the draft (then the published article is looked for).
 */
async function submit(run: SubmitRun, key: string, entry: PublishedArticle, report: ArticleReport, path: string, all: Submitted): Promise<string | undefined> {
  const announced: Omit<ArticleIntent, 'at'> = { action: 'submit', target: 'draft', title: entry.title ?? '', fingerprint: entry.fingerprint ?? '', mediaId: entry.mediaId, ...(all.push === undefined ? {} : { push: all.push }) }
  for (let sends = 1; ; sends++) {
    const intent = await run.intents.begin(key, announced)
    try {
      return (await run.client.submitPublish(entry.mediaId)).publishId
    } catch (error) {
      if (mayHaveSucceeded(error)) {
        // Submitted if the draft has left the draft box; else nothing happened and it goes again.
        if (!(await run.searcher.draftExists(entry.mediaId))) {
          const found = lookAfterLostAnswer(run.client, run.account, error, (searcher) => searcher.published(intent))
          await settleLostSubmission(run, key, intent, all, path, found)
          return undefined
        }
        if (sends < MAX_SENDS) continue
      }
      if (!certainlyNothingMade(error)) throw error
      run.intents.end(key)
      await run.lock.save()
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
}

/**
 * Weixin took the draft but its publish id was lost. Once the article is published its URL is
 * recorded and the intent ends; until then the intent stays, so no run submits the draft again,
 * and each later run looks once more.
 */
async function settleLostSubmission(
  run: SubmitRun,
  key: string,
  intent: ArticleIntent,
  all: Submitted,
  path: string,
  found: Promise<{ urls: Array<string | undefined> } | undefined>,
): Promise<void> {
  const published = await found
  if (published?.urls[0] !== undefined) {
    recordUrls(all, published.urls)
    run.intents.end(key)
    await run.lock.save()
    return
  }
  all.entries[0]!.report.messages.push({
    path,
    severity: 'warning',
    message: `The draft was submitted at ${intent.at}, but Weixin's answer was lost and the article is not among the published ones yet.`,
    ruleId: 'publish-answer-lost',
    hint: 'It is probably still being published or reviewed: run again later to record its URL (it is not submitted twice), or look in mp.weixin.qq.com → 内容与互动 → 发表记录.',
  })
}
