import type { WeixinArticle, WeixinClient } from '@mdwx/weixin'
import type { AccountLock, LockFile } from './lock-file.js'
import type { ArticleTarget } from './report.js'

export type RequestedTarget = 'auto' | ArticleTarget

const retiredErrcode = 45103
const unknownMediaErrcode = 40007

export function errcodeOf(error: unknown): number | undefined {
  const errcode = (error as { errcode?: unknown } | undefined)?.errcode
  return typeof errcode === 'number' ? errcode : undefined
}

/**
 * Creates and updates articles through add_news/update_news or the draft box. With `auto`,
 * add_news is tried as specified; the first 45103 (retired on real accounts) switches this run
 * and, through the lock file, every later run to drafts. Concurrent articles wait for that first
 * answer instead of all hitting the retired API.
 */
export function createArticleApi(client: WeixinClient, requested: RequestedTarget, lock: LockFile, account: AccountLock, onRetired: () => void) {
  let probe: Promise<void> | undefined
  let newsAnswered = false

  function current(): ArticleTarget {
    if (requested !== 'auto') return requested
    return account.articleApi === 'draft' ? 'draft' : 'news'
  }

  async function switchToDrafts(): Promise<void> {
    if (account.articleApi === 'draft') return
    account.articleApi = 'draft'
    onRetired()
    await lock.save()
  }

  /** Runs `call` on the target in force, learning from a 45103 when the target is auto. */
  async function withTarget<T>(call: (target: ArticleTarget) => Promise<T>): Promise<{ target: ArticleTarget; result: T }> {
    // Until add_news has answered once (created, or 45103), one article at a time asks it; when
    // that one fails for another reason (busy, a network error), the next waiting article asks.
    while (requested === 'auto' && account.articleApi !== 'draft' && !newsAnswered) {
      if (probe) {
        await probe
        continue
      }
      let settle!: () => void
      probe = new Promise<void>((resolve) => (settle = resolve))
      try {
        const result = await call('news')
        newsAnswered = true
        return { target: 'news', result }
      } catch (error) {
        if (errcodeOf(error) !== retiredErrcode) {
          probe = undefined
          throw error
        }
        await switchToDrafts()
      } finally {
        settle()
      }
    }
    const target = current()
    return { target, result: await call(target) }
  }

  return {
    async create(article: WeixinArticle): Promise<{ target: ArticleTarget; mediaId: string; index: number }> {
      const { target, result } = await withTarget((target) => (target === 'news' ? client.addNews([article]) : client.addDraft([article])))
      return { target, mediaId: result.mediaId, index: 0 }
    },

    /**
     * Updates an article in place; when Weixin no longer has it (40007: deleted in the console)
     * or its API is retired, creates it again instead.
     */
    async update(previous: { target: ArticleTarget; mediaId: string; index: number }, article: WeixinArticle) {
      const target = requested === 'auto' ? previous.target : requested
      if (target === previous.target) {
        try {
          const call = { mediaId: previous.mediaId, index: previous.index, article }
          await (target === 'news' ? client.updateNews(call) : client.updateDraft(call))
          return { status: 'updated' as const, target, mediaId: previous.mediaId, index: previous.index }
        } catch (error) {
          const errcode = errcodeOf(error)
          if (errcode === retiredErrcode && requested === 'auto') await switchToDrafts()
          else if (errcode !== unknownMediaErrcode) throw error
        }
      }
      return { status: 'created' as const, ...(await this.create(article)) }
    },
  }
}

export type ArticleApi = ReturnType<typeof createArticleApi>
