import type { ArticleApi } from './article-api.js'
import type { AccountLock, LockFile, PublishedArticle } from './lock-file.js'

/**
 * The drafts and news items a run replaced (a push made anew, an article moved into a push or out
 * of one), deleted once nothing the lock file records holds them: each is first recorded in
 * `retired`, then deleted, then forgotten, so a run stopped in between deletes it next time.
 * Runs after every create of the run, so what replaces them exists first. A deletion Weixin
 * refuses is left in `retired` for the next run and said in the returned notes.
 */
export async function retireReplaced(candidates: ReadonlyArray<Pick<PublishedArticle, 'target' | 'mediaId'>>, account: AccountLock, lock: LockFile, api: Pick<ArticleApi, 'remove'>): Promise<string[]> {
  const held = new Set(Object.values(account.articles).map((entry) => entry.mediaId))
  for (const { target, mediaId } of candidates) {
    if (!held.has(mediaId)) (account.retired ??= {})[mediaId] = { target }
  }
  // A push that no article is in any more is gone with its draft.
  for (const [name, push] of Object.entries(account.pushes ?? {})) {
    if (held.has(push.mediaId)) continue
    delete account.pushes![name]
    ;(account.retired ??= {})[push.mediaId] = { target: push.target }
  }
  if (account.pushes !== undefined && Object.keys(account.pushes).length === 0) delete account.pushes
  if (account.retired === undefined) return []
  await lock.save()
  const notes: string[] = []
  for (const [mediaId, { target }] of Object.entries(account.retired)) {
    try {
      await api.remove(target, mediaId)
      delete account.retired[mediaId]
    } catch (error) {
      notes.push(`The replaced ${target === 'news' ? 'news item' : 'draft'} ${mediaId} could not be deleted yet (${(error as Error).message}); the next run tries again.`)
    }
  }
  if (Object.keys(account.retired).length === 0) delete account.retired
  await lock.save()
  return notes
}
