import type { ImageRef } from '@mdwx/render'
import type { WeixinClient } from '@mdwx/weixin'
import type { ArticleApi } from './article-api.js'
import { hasErrors } from './article-message.js'
import { articlePayload, payloadHash } from './article-payload.js'
import { isAccountWide, messageFromError } from './error-message.js'
import type { ImageCatalog } from './image-catalog.js'
import type { AccountLock, LockFile, PublishedArticle } from './lock-file.js'
import type { PreparedArticle } from './prepare.js'
import { renderOne } from './render-files.js'
import type { RenderPool } from './render-pool.js'
import type { ArticleReport } from './report.js'
import { submitDraft } from './submit.js'
import type { Uploader } from './uploader.js'

export interface ArticleRun {
  client: WeixinClient
  pool: RenderPool
  catalog: ImageCatalog
  uploader: Uploader
  api: ArticleApi
  lock: LockFile
  account: AccountLock
  force: boolean
  submit: boolean
  /** Throws the error that stopped the run, if one did (credentials, quota, network). */
  checkStillRunning: () => void
  stopRun: (error: unknown) => void
}

/**
 * Steps 3 to 6 for one article that passed preparation: upload its images and cover, render it
 * with the real URLs and check it again, create or update it, submit it when asked. Fills `report`.
 */
export async function publishArticle(prepared: PreparedArticle, report: ArticleReport, run: ArticleRun): Promise<void> {
  const path = prepared.file.path
  let step = 'Uploading images'
  try {
    // All at once: the uploader's queue is first come, first served, so the first article's
    // pictures go first and it can be created while later articles still upload.
    const [cover, ...images] = await Promise.all([
      run.uploader.cover(prepared.cover!),
      ...prepared.images.map((image) => run.uploader.image(image)),
    ])
    for (const { fresh } of [cover!, ...images]) {
      if (fresh) report.imagesUploaded++
      else report.imagesReused++
    }

    step = 'Rendering with the uploaded images'
    const content = prepared.needsFinalRender ? await renderWithUploads(prepared, run, report) : prepared.rendered!.html
    if (content === undefined) return

    const payload = articlePayload(prepared.rendered!.article, content, cover!.uploaded.mediaId)
    const contentHash = payloadHash(payload)
    const previous = run.force ? undefined : run.account.articles[report.key]
    let entry: PublishedArticle
    if (previous && previous.contentHash === contentHash) {
      report.status = 'unchanged'
      entry = previous
    } else {
      step = previous ? 'Updating the article' : 'Creating the article'
      run.checkStillRunning()
      const done = previous ? await run.api.update(previous, payload) : { status: 'created' as const, ...(await run.api.create(payload)) }
      report.status = done.status
      entry = { contentHash, target: done.target, mediaId: done.mediaId, index: done.index }
      run.account.articles[report.key] = entry
      await run.lock.save()
    }
    Object.assign(report, { target: entry.target, mediaId: entry.mediaId, index: entry.index })
    if (entry.articleUrl !== undefined && report.status === 'unchanged') report.articleUrl = entry.articleUrl
    if (run.submit && entry.target === 'draft' && (report.status !== 'unchanged' || entry.articleUrl === undefined)) {
      step = 'Publishing the draft'
      run.checkStillRunning()
      await submitDraft(run.client, entry, report, path)
      await run.lock.save()
    }
  } catch (error) {
    if (isAccountWide(error)) run.stopRun(error)
    report.status = 'failed'
    report.messages.push(messageFromError(path, error, step))
  }
}

async function renderWithUploads(prepared: PreparedArticle, run: ArticleRun, report: ArticleReport): Promise<string | undefined> {
  const { file } = prepared
  const urlFor = async (ref: ImageRef): Promise<string> => (await run.catalog.image(ref.src, file.path, file.root)).uploaded!.url
  const { rendered, messages } = await renderOne(file, run.pool.render, urlFor)
  // Only what is new since preparation: the same warnings would otherwise be listed twice.
  const fresh = messages.filter((message) => message.severity === 'error')
  if (!rendered || hasErrors(fresh)) {
    report.status = 'failed'
    report.messages.push(...fresh)
    return undefined
  }
  return rendered.html
}
