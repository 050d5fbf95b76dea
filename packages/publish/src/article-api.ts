import type { WeixinArticle, WeixinClient } from '@mdwx/weixin'
import { contentFingerprint } from './content-fingerprint.js'
import { certainlyNothingMade, errcodeOf, mayHaveSucceeded } from './weixin-outcome.js'
import type { IntentLog } from './intent-log.js'
import type { AccountLock, ArticleIntent, LockFile, PublishedArticle, PushMemberIntent } from './lock-file.js'
import { lookAfterLostAnswer } from './reconcile.js'
import type { ArticleTarget } from './report.js'

export type RequestedTarget = 'auto' | ArticleTarget

const retiredErrcode = 45103
const unknownMediaErrcode = 40007


/** Which article a create call is for, and what its lock entry will hold. */
export interface CreateRequest {
  key: string
  entry: Omit<PublishedArticle, 'target' | 'mediaId' | 'index'>
}

export interface Created {
  target: ArticleTarget
  mediaId: string
  index: number
  /** Found in the account after a lost answer, rather than answered. */
  adopted: boolean
}

/** The articles of a push create, in order, and the key its intent is recorded under. */
export interface PushCreateRequest {
  /** `push:<name>`: the intent's key in the lock file. */
  key: string
  name: string
  members: Array<CreateRequest & { article: WeixinArticle }>
}

/** Sends of one create call, the first included, when the account shows nothing after each. */
export const MAX_SENDS = 3

/**
 * Creates and updates articles through add_news/update_news or the draft box. With `auto`,
 * add_news is tried as specified; the first 45103 (retired on real accounts) switches this run
 * and, through the lock file, every later run to drafts. Concurrent articles wait for that first
 * answer instead of all hitting the retired API.
 */
export function createArticleApi(client: WeixinClient, requested: RequestedTarget, lock: LockFile, account: AccountLock, intents: IntentLog, onRetired: () => void) {
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

  /**
   * One create call on `target`, announced in the lock file first (DESIGN.md "The lock file").
   * When the answer is lost, the account is searched for what the call made before anything is
   * sent again. A refusal ends the intent: nothing was made. Anything else leaves it for the
   * next run to reconcile. A push is one call with all its articles, announced with all of them.
   */
  async function createOn(target: ArticleTarget, articles: readonly WeixinArticle[], key: string, announced: Omit<ArticleIntent, 'at'>): Promise<{ mediaId: string; adopted: boolean }> {
    const sent = { ...announced, target }
    for (let sends = 1; ; sends++) {
      const intent = await intents.begin(key, sent)
      try {
        const { mediaId } = await (target === 'news' ? client.addNews(articles) : client.addDraft(articles))
        return { mediaId, adopted: false }
      } catch (error) {
        if (certainlyNothingMade(error)) {
          intents.end(key)
          await lock.save()
          throw error
        }
        if (!mayHaveSucceeded(error)) throw error
        const found = await lookAfterLostAnswer(client, account, error, (searcher) => searcher.created(key, intent))
        if (found) return { mediaId: found.mediaId, adopted: true }
        if (sends >= MAX_SENDS) throw error
      }
    }
  }

  function announcedArticle(article: WeixinArticle, request: CreateRequest): Omit<ArticleIntent, 'at' | 'target'> {
    return { action: 'create', title: article.title, fingerprint: request.entry.fingerprint ?? contentFingerprint(article.content), article: request.entry }
  }

  return {
    async create(article: WeixinArticle, request: CreateRequest): Promise<Created> {
      const announced = { ...announcedArticle(article, request), target: 'draft' as const }
      const { target, result } = await withTarget((target) => createOn(target, [article], request.key, announced))
      return { target, mediaId: result.mediaId, index: 0, adopted: result.adopted }
    },

    /** A push of several articles: one draft (or news item) holding them in order. */
    async createPush(request: PushCreateRequest): Promise<{ target: ArticleTarget; mediaId: string; adopted: boolean }> {
      const [headline] = request.members
      const members: PushMemberIntent[] = request.members.map(({ key, entry, article }) => ({ key, title: article.title, fingerprint: entry.fingerprint ?? contentFingerprint(article.content), article: entry }))
      const announced = { ...announcedArticle(headline!.article, headline!), target: 'draft' as const, push: { name: request.name, members } }
      const articles = request.members.map((member) => member.article)
      const { target, result } = await withTarget((target) => createOn(target, articles, request.key, announced))
      return { target, ...result }
    },

    /** Deletes a draft or news item mdwx made (a push replaced); one Weixin no longer has is gone already. */
    async remove(target: ArticleTarget, mediaId: string): Promise<void> {
      try {
        await (target === 'news' ? client.deleteMaterial(mediaId) : client.deleteDraft(mediaId))
      } catch (error) {
        if (errcodeOf(error) !== unknownMediaErrcode) throw error
      }
    },

    /**
     * Updates an article in place; when Weixin no longer has it (40007: deleted in the console)
     * or its API is retired, creates it again instead.
     */
    async update(previous: { target: ArticleTarget; mediaId: string; index: number }, article: WeixinArticle, request: CreateRequest) {
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
      return { status: 'created' as const, ...(await this.create(article, request)) }
    },
  }
}

export type ArticleApi = ReturnType<typeof createArticleApi>
