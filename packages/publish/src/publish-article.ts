import type { ImageRef } from '@mdwx/render'
import type { WeixinArticle, WeixinClient } from '@mdwx/weixin'
import type { ArticleApi } from './article-api.js'
import { hasErrors, type ArticleMessage } from './article-message.js'
import { articlePayload, payloadHash } from './article-payload.js'
import { contentFingerprint } from './content-fingerprint.js'
import { coverCropsOf } from './cover.js'
import { isAccountWide, messageFromError } from './error-message.js'
import { inputHashOf } from './input-hash.js'
import type { IntentLog } from './intent-log.js'
import { owePreview, previewDraft, type PreviewState } from './phone-preview.js'
import type { AccountLock, LockFile, PublishedArticle } from './lock-file.js'
import type { PreparedArticle } from './prepare.js'
import type { Searcher } from './reconcile.js'
import type { RenderPool } from './render-pool.js'
import type { RenderSettings } from './render-settings.js'
import type { ArticleReport } from './report.js'
import type { StandIns } from './stand-ins.js'
import { submitDraft } from './submit.js'
import type { Uploader } from './uploader.js'
import { weixinLimitProblems } from './weixin-limits.js'

export interface ArticleRun {
  client: WeixinClient
  /** For the rare article whose final HTML cannot be made by replacing stand-ins. */
  pool: (articles: number) => RenderPool
  settings: RenderSettings
  standIns: StandIns
  uploader: Uploader
  api: ArticleApi
  lock: LockFile
  account: AccountLock
  /** Calls announced before they are sent: what an earlier run left here is looked for first. */
  intents: IntentLog
  searcher: Searcher
  force: boolean
  submit: boolean
  /** Where drafts are sent as previews (`previewTo`), if anywhere. */
  preview: PreviewState | undefined
  /** Throws the error that stopped the run, if one did (credentials, quota, network). */
  checkStillRunning: () => void
  stopRun: (error: unknown) => void
  /** A draft or news item this run moved articles out of: deleted at the end of the run once nothing holds it (retire.ts). */
  replaced: (previous: Pick<PublishedArticle, 'target' | 'mediaId'>) => void
  replacedMedia: () => ReadonlyArray<Pick<PublishedArticle, 'target' | 'mediaId'>>
}

/**
 * Steps 3 to 6 for one article that passed preparation: upload its images and cover, put their
 * URLs in its HTML and check the exact result, create or update it, submit it when asked. An
 * article whose inputs are unchanged skips to the submit step. Fills `report`.
 */
export async function publishArticle(prepared: PreparedArticle, report: ArticleReport, run: ArticleRun): Promise<void> {
  const path = prepared.file.path
  const step = { now: 'Uploading images' }
  try {
    let entry: PublishedArticle
    if (prepared.unchanged) {
      report.status = 'unchanged'
      report.imagesReused += prepared.images.length + 1
      entry = prepared.unchanged
    } else {
      const ready = await readyToSend(prepared, report, run, step)
      if (ready === undefined) return
      const { payload, made } = ready
      step.now = 'Looking for the article an interrupted run created'
      const adopted = !run.force && (await adoptLeftBehind(report, run))
      const recorded = run.force ? undefined : run.account.articles[report.key]
      // An article that was one of a push is now one of its own: it is created as such, and the
      // push is replaced once it no longer holds anything (retire.ts).
      const pushed = recorded && pushHolding(run.account, recorded.mediaId)
      const previous = pushed === undefined ? recorded : undefined
      if (pushed !== undefined) report.messages.push(movedMessage(path, `This article left the push "${pushed}": it is now a draft of its own.`))
      if (previous && previous.contentHash === made.contentHash) {
        // Adopted as it was sent: this run finishes the creation an earlier one began.
        report.status = adopted ? 'created' : 'unchanged'
        entry = previous
        // Recorded by an older mdwx, or new inputs that changed nothing: the next run need not render it.
        if (previous.inputHash !== made.inputHash) {
          entry = { ...previous, ...made }
          if (made.inputHash === undefined) for (const stale of ['inputHash', 'cover', 'images'] as const) delete entry[stale]
          run.account.articles[report.key] = entry
          await run.lock.save()
        }
      } else {
        step.now = previous ? 'Updating the article' : 'Creating the article'
        run.checkStillRunning()
        const request = { key: report.key, entry: made }
        const done = previous ? await run.api.update(previous, payload, request) : { status: 'created' as const, ...(await run.api.create(payload, request)) }
        report.status = done.status
        if ('adopted' in done && done.adopted) report.messages.push(adoptedMessage(path, `Weixin's answer to the create call was lost; the article was found in the account (${done.mediaId}) and recorded, not created twice.`))
        entry = { ...made, target: done.target, mediaId: done.mediaId, index: done.index }
        run.account.articles[report.key] = entry
        // The entry, the end of its intent and the preview it is owed reach the disk in one write.
        run.intents.end(report.key)
        owePreview(run, report.key, entry)
        if (recorded !== undefined && recorded.mediaId !== entry.mediaId) run.replaced(recorded)
        await run.lock.save()
      }
    }
    Object.assign(report, { target: entry.target, mediaId: entry.mediaId, index: entry.index })
    if (entry.articleUrl !== undefined && report.status === 'unchanged') report.articleUrl = entry.articleUrl
    // Before a submit: a published draft leaves the draft box, and a preview of it is refused.
    step.now = 'Sending the draft to a phone'
    await previewDraft(run, { key: report.key, members: [{ key: report.key, report }], changed: report.status === 'created' || report.status === 'updated' })
    if (run.submit && entry.target === 'draft' && (report.status !== 'unchanged' || entry.articleUrl === undefined)) {
      step.now = 'Publishing the draft'
      run.checkStillRunning()
      await submitDraft(run, report.key, entry, report, path)
      await run.lock.save()
    }
  } catch (error) {
    if (isAccountWide(error)) run.stopRun(error)
    report.status = 'failed'
    report.messages.push(messageFromError(path, error, step.now))
  }
}

/** What an article is sent as, once its pictures are uploaded, and what its lock entry will record. */
export interface ReadyArticle {
  payload: WeixinArticle
  made: Omit<PublishedArticle, 'target' | 'mediaId' | 'index'>
}

/**
 * Steps 3 and 4 for one article: upload its cover and pictures, put their URLs in its HTML and
 * check the exact result. Undefined (with the report failed) when it cannot be sent; throws what
 * Weixin refused. `step` says what is under way, for the message of an error.
 */
export async function readyToSend(prepared: PreparedArticle, report: ArticleReport, run: ArticleRun, step: { now: string }): Promise<ReadyArticle | undefined> {
  step.now = 'Uploading images'
  // All at once: the uploader's queue is first come, first served, so the first article's
  // pictures go first and it can be created while later articles still upload.
  const [cover, ...images] = await Promise.all([run.uploader.cover(prepared.cover!.cover), ...prepared.images.map((image) => run.uploader.image(image))])
  for (const { fresh } of [cover!, ...images]) {
    if (fresh) report.imagesUploaded++
    else report.imagesReused++
  }
  step.now = 'Checking the article with its image URLs'
  const content = await finalContent(prepared, run, report)
  if (content === undefined) return undefined
  const crops = coverCropsOf(prepared.rendered!.article, prepared.cover!.cover)
  const payload = articlePayload(prepared.rendered!.article, content, cover!.uploaded.mediaId, prepared.title, crops)
  const problems = weixinLimitProblems(prepared.file.path, payload)
  if (hasErrors(problems)) {
    report.status = 'failed'
    report.messages.push(...problems)
    return undefined
  }
  return { payload, made: { contentHash: payloadHash(payload), fingerprint: contentFingerprint(payload.content), ...inputsOf(prepared, run.settings) } }
}

/** The name of the push of two articles or more whose draft (or news item) is `mediaId`, if any. */
export function pushHolding(account: AccountLock, mediaId: string): string | undefined {
  return Object.entries(account.pushes ?? {}).find(([, push]) => push.mediaId === mediaId && push.articles.length > 1)?.[0]
}

export function movedMessage(path: string, message: string): ArticleMessage {
  return { path, severity: 'info', message, ruleId: 'push-moved' }
}

/**
 * An earlier run announced a create call for this article and stopped (or lost the answer)
 * before recording its result. If the account holds the article, it is recorded now, as that run
 * would have, and true is returned; either way the intent is done with.
 */
async function adoptLeftBehind(report: ArticleReport, run: ArticleRun): Promise<boolean> {
  const intent = run.intents.get(report.key)
  if (intent?.action !== 'create' || intent.article === undefined) return false
  const found = await run.searcher.created(report.key, intent)
  if (found) {
    run.account.articles[report.key] = { ...intent.article, target: intent.target, mediaId: found.mediaId, index: 0 }
    owePreview(run, report.key, run.account.articles[report.key]!)
    report.messages.push(adoptedMessage(report.path, `An interrupted run had created this article (${found.mediaId}); it was found in the account and recorded, not created twice.`))
  }
  run.intents.end(report.key)
  await run.lock.save()
  return found !== undefined
}

function adoptedMessage(path: string, message: string): ArticleMessage {
  return { path, severity: 'info', message, ruleId: 'article-adopted' }
}

/** What the lock entry records of the article's inputs, so an unchanged article is found without rendering. */
function inputsOf(prepared: PreparedArticle, settings: RenderSettings): Omit<PublishedArticle, 'contentHash' | 'target' | 'mediaId' | 'index'> {
  const inputHash = inputHashOf(settings, prepared.source!, prepared.cover!, prepared.pictures)
  const title = prepared.rendered!.article.title
  if (inputHash === undefined) return { title }
  return { inputHash, title, cover: prepared.cover!.src, images: prepared.pictures.map((picture) => picture.src) }
}

/** The HTML with every stand-in replaced by its picture's uploaded URL; undefined when one cannot be. */
export function contentWithUrls(prepared: PreparedArticle, standIns: StandIns): string | undefined {
  const urls = new Map(prepared.images.map((image) => [image.sourceHash, image.uploaded?.url]))
  return standIns.replace(prepared.rendered!.html, (sourceHash) => urls.get(sourceHash))
}

/**
 * The HTML with every picture's uploaded URL, or undefined once the article failed. Normally the
 * stand-ins of preparation replaced; when a URL cannot simply go in (longer than its stand-in,
 * not http(s): should not happen), the article is rendered again with the real URLs.
 */
async function finalContent(prepared: PreparedArticle, run: ArticleRun, report: ArticleReport): Promise<string | undefined> {
  const replaced = contentWithUrls(prepared, run.standIns)
  if (replaced !== undefined) return replaced
  const urls = new Map(prepared.pictures.map(({ src, image }) => [src, image.uploaded?.url ?? '']))
  const urlFor = async (ref: ImageRef): Promise<string> => urls.get(ref.src) ?? ''
  const rendered = await run.pool(1).render(prepared.file.path, prepared.source!, urlFor)
  // Only what is new since preparation: the same warnings would otherwise be listed twice.
  const fresh = rendered.messages.filter((message) => message.severity === 'error')
  if (hasErrors(fresh)) {
    report.status = 'failed'
    report.messages.push(...fresh)
    return undefined
  }
  return rendered.html
}
