import { createHash } from 'node:crypto'
import { expectOption } from '@mdwx/errors'
import { checkPreviewRecipient, type PreviewRecipient, type WeixinClient } from '@mdwx/weixin'
import { isAccountWide, messageFromError } from './error-message.js'
import type { IntentLog } from './intent-log.js'
import type { Limiter } from './limiter.js'
import type { AccountLock, LockFile, PublishedArticle } from './lock-file.js'
import type { ArticleReport, PreviewReport } from './report.js'
import { errcodeOf, mayHaveSucceeded } from './weixin-outcome.js'

/** Who gets the previews of a run, and whether drafts already sent go again. */
export interface PreviewSettings {
  to: PreviewRecipient
  again: boolean
}

/** The previews of one run: where they go, and the refusal that holds back the rest (48001, 45009). */
export interface PreviewState extends PreviewSettings {
  /** Previews at once: the same number as article calls, kept apart so a refusal never stops the run. */
  limit: Limiter
  /** Set at the first 48001 (unverified) or 45009 (today's previews used up): the rest are not sent. */
  refusal?: unknown
}

/** What sending a preview needs of the run. */
export interface PreviewRun {
  client: WeixinClient
  lock: LockFile
  account: AccountLock
  intents: IntentLog
  preview: PreviewState | undefined
  stopRun: (error: unknown) => void
}

/** One draft (or news item) to send: an article of its own, or a push (the headline first). */
export interface DraftToPreview {
  /** The article's key, or `push:<name>`. */
  key: string
  members: ReadonlyArray<{ key: string; report: ArticleReport }>
  /** Created or updated by this run (for a push: any of its articles). */
  changed: boolean
}

const UNVERIFIED = 48001
const DAILY_LIMIT = 45009
const NO_SUCH_DRAFT = 40007

/** `previewTo` and `previewAgain` of the publish options, checked; undefined when no preview is asked for. */
export function previewSettingsFrom(options: { previewTo?: PreviewRecipient | undefined; previewAgain?: boolean | undefined }): PreviewSettings | undefined {
  const again = options.previewAgain ?? false
  expectOption(typeof again === 'boolean', 'a boolean', 'previewAgain', again)
  if (options.previewTo === undefined) {
    expectOption(!again, 'previewTo (whom to send the drafts again)', 'previewAgain', again)
    return undefined
  }
  return { to: checkPreviewRecipient(options.previewTo, 'previewTo'), again }
}

/**
 * How the lock file names a recipient: a SHA-256 of the kind and the 微信号 or openid, cut to 16
 * hex digits. The lock file is committed, often publicly: it proves which version went to whom
 * without publishing a person's 微信号.
 */
export function previewRecipientId(to: PreviewRecipient): string {
  const [kind, value] = 'wxname' in to ? ['wxname', to.wxname] : ['openid', to.openid]
  return `${kind}:${createHash('sha256').update(`${kind}:${value}`).digest('hex').slice(0, 16)}`
}

/** The recipient as reports show it. */
export function recipientLabel(to: PreviewRecipient): string {
  return 'wxname' in to ? to.wxname : `openid ${to.openid}`
}

/** Whether every article of the draft records this version as sent to this recipient. */
function alreadySent(entries: readonly PublishedArticle[], recipientId: string): boolean {
  return entries.every((entry) => entry.previews?.[recipientId] === entry.contentHash)
}

/**
 * What a dry run says of the preview of an article: would it be sent? Without the network it
 * answers per article (a push's articles each say so).
 */
export function dryRunPreview(settings: PreviewSettings, entry: PublishedArticle | undefined, changed: boolean, owed: boolean): PreviewReport | undefined {
  const to = recipientLabel(settings.to)
  if (entry?.publishId !== undefined && !changed) return undefined
  if (!changed && !settings.again && entry !== undefined && alreadySent([entry], previewRecipientId(settings.to))) return { to, status: 'already-sent' }
  return changed || settings.again || owed ? { to, status: 'would-send' } : undefined
}

/**
 * Notes that the draft of `key` (an article's, or `push:<name>`) is owed a preview, when the run
 * sends previews: called for a draft just created or changed, before the lock write that records
 * it, so that a run killed between that write and the preview still sends it next time (the
 * article is unchanged then, and would otherwise be passed over).
 */
export function owePreview(run: Pick<PreviewRun, 'intents' | 'preview'>, key: string, headline: PublishedArticle): void {
  if (run.preview === undefined) return
  run.intents.note(`preview:${key}`, previewIntent(headline, previewRecipientId(run.preview.to)))
}

function previewIntent(headline: PublishedArticle, recipientId: string) {
  return { action: 'preview' as const, target: headline.target, title: headline.title ?? '', fingerprint: headline.fingerprint ?? '', mediaId: headline.mediaId, to: recipientId }
}

/**
 * Sends a draft to the phone of `run.preview.to` (message/mass/preview) when this version has
 * not been sent to them: it was created or changed by this run, an earlier run was to send it and
 * did not hear back (its intent is still in the lock file), or `again` is set. Never counted as
 * publishing: the articles' statuses stay as they are, a refusal adds an error (exit code 1).
 *
 * Crash safety: the intent (`preview:<key>`) is on disk before the call; the record of what was
 * sent and the end of the intent reach the disk in one write. A run killed in between leaves the
 * intent, and the next run sends the preview again: one more message on the phone, never a lock
 * file that says sent when nothing was (Weixin keeps no list of previews to look in).
 */
export async function previewDraft(run: PreviewRun, draft: DraftToPreview): Promise<void> {
  const settings = run.preview
  if (settings === undefined) return
  const entries = draft.members.map((member) => run.account.articles[member.key])
  if (!entries.every((entry) => entry !== undefined)) return
  const headline = entries[0]!
  const to = recipientLabel(settings.to)
  const recipientId = previewRecipientId(settings.to)
  const intentKey = `preview:${draft.key}`
  const intent = run.intents.get(intentKey)
  const owed = intent?.action === 'preview' && intent.mediaId === headline.mediaId
  const report = (preview: PreviewReport) => draft.members.forEach((member) => (member.report.preview = preview))
  const path = draft.members[0]!.report.path
  const note = draft.members[0]!.report.messages
  const forgetIntent = async () => {
    if (intent === undefined) return
    run.intents.end(intentKey)
    await run.lock.save()
  }
  // Published: the draft has left the draft box; nothing is left to preview, nothing owed.
  if (entries.some((entry) => entry.publishId !== undefined)) return forgetIntent()
  if (!settings.again && alreadySent(entries, recipientId)) {
    report({ to, status: 'already-sent' })
    return forgetIntent()
  }
  if (!settings.again && !draft.changed && !owed) return
  const refusedEarlier = settings.refusal !== undefined
  try {
    await run.intents.begin(intentKey, previewIntent(headline, recipientId))
    if (settings.refusal !== undefined) throw settings.refusal
    const { msgId } = await settings.limit(() => run.client.sendPreview({ mediaId: headline.mediaId, to: settings.to }))
    for (const member of draft.members) {
      const entry = run.account.articles[member.key]!
      run.account.articles[member.key] = { ...entry, previews: { ...entry.previews, [recipientId]: entry.contentHash } }
    }
    // The record and the end of the intent reach the disk in one write.
    run.intents.end(intentKey)
    await run.lock.save()
    report(msgId === undefined ? { to, status: 'sent' } : { to, status: 'sent', msgId })
    if (owed && !draft.changed && !settings.again) {
      note.push({ path, severity: 'info', message: `An earlier run (${intent!.at}) was to send this draft to a phone and did not hear that it arrived: it was sent now (a second time, if that one did arrive).`, ruleId: 'preview-resent' })
    }
  } catch (error) {
    if (mayHaveSucceeded(error)) {
      // The intent stays: the next run sends it again (a preview cannot be looked up).
      report({ to, status: 'unconfirmed' })
      note.push({
        path,
        severity: 'warning',
        message: `The draft was sent to ${to}'s phone, but Weixin's answer was lost: it may or may not have arrived.`,
        ruleId: 'preview-answer-lost',
        hint: 'Look on the phone. The next mdwx publish sends it again (it may then arrive twice).',
      })
      return
    }
    const errcode = errcodeOf(error)
    if (errcode === UNVERIFIED || errcode === DAILY_LIMIT) settings.refusal ??= error
    else if (isAccountWide(error)) run.stopRun(error)
    // Nothing left to send: the preview is no longer owed.
    if (errcode === NO_SUCH_DRAFT) {
      run.intents.end(intentKey)
      await run.lock.save()
    }
    report({ to, status: 'failed' })
    const context = refusedEarlier ? `Not sent to ${to}'s phone, as Weixin refused an earlier preview of this run` : `Sending the draft to ${to}'s phone`
    const message = messageFromError(path, error, context)
    message.ruleId = 'preview-failed'
    if (errcode === NO_SUCH_DRAFT) {
      message.hint = `Weixin has no draft ${headline.mediaId} any more (published, mass-sent or deleted in the console). Run mdwx publish --force on this file to make it anew; some accounts are reported to answer 40007 for drafts that exist: then use the 预览 button in 公众平台 → 内容与互动 → 草稿箱.`
    }
    note.push(message)
  }
}
