import { setTimeout as sleep } from 'node:timers/promises'
import type { ArticlePage, ListedArticleGroup, ListedPublication, WeixinClient } from '@mdwx/weixin'
import { errcodeOf } from './weixin-outcome.js'
import { contentFingerprint } from './content-fingerprint.js'
import type { AccountLock, ArticleIntent } from './lock-file.js'

/**
 * How far the account's clock may be from ours: an item updated this long before the intent is
 * still looked at. Listings are newest first, so the first item older than that ends the search.
 */
const CLOCK_SKEW_MS = 10 * 60_000
/** At most this many pages (20 items each) are read per search: 2,000 items since the intent. */
const MAX_PAGES = 100
const unknownMediaErrcode = 40007

/**
 * After a call lost its answer: when to look in the account. A timed-out request may still be
 * running at Weixin, so it is given a few seconds to land; a lost connection or a 5xx has ended
 * on Weixin's side, and one more look a second later covers a listing that lags.
 */
const LOOKS_AFTER_TIMEOUT_MS = [0, 1_000, 2_000, 4_000]
const LOOKS_AFTER_LOST_ANSWER_MS = [0, 1_000]

/**
 * Looks with a fresh searcher (the listing must show what Weixin did since) on the schedule that
 * fits how the answer was lost, until `look` finds something.
 */
export async function lookAfterLostAnswer<T>(client: WeixinClient, account: AccountLock, lost: unknown, look: (searcher: Searcher) => Promise<T | undefined>): Promise<T | undefined> {
  const schedule = (lost as { failure?: unknown }).failure === 'timeout' ? LOOKS_AFTER_TIMEOUT_MS : LOOKS_AFTER_LOST_ANSWER_MS
  for (const wait of schedule) {
    await sleep(wait)
    const found = await look(createSearcher(client, account))
    if (found !== undefined) return found
  }
  return undefined
}

export interface FoundGroup {
  mediaId: string
}

export interface FoundPublication {
  articleId: string
  /** The headline's URL. */
  url: string | undefined
  /** Every article's URL, in order (a push). */
  urls: Array<string | undefined>
}

/**
 * What the searches of one run have adopted, by media_id or article_id, kept per account lock
 * (one per run) because a lost answer is looked for with a searcher of its own.
 */
const takenByRun = new WeakMap<AccountLock, Set<string>>()
function takenIn(account: AccountLock): Set<string> {
  let taken = takenByRun.get(account)
  if (taken === undefined) takenByRun.set(account, (taken = new Set()))
  return taken
}

type Lister<Item> = (offset: number) => Promise<ArticlePage<Item>>

/**
 * Looks in the account for what a create or submit call may have made although its answer never
 * arrived: a draft (draft/batchget) or news item (batchget_material) or published article
 * (freepublish/batchget) with the intent's title and content fingerprint, made after the intent,
 * not already recorded for another article. Pages read are kept for the searcher's life, so many
 * intents cost one listing; make a new searcher to see what changed since.
 */
export function createSearcher(client: WeixinClient, account: AccountLock) {
  const pages = new Map<string, Promise<ArticlePage<unknown>>>()
  const taken = takenIn(account)
  const page = <Item>(name: string, list: Lister<Item>, offset: number): Promise<ArticlePage<Item>> => {
    const key = `${name}:${offset}`
    let found = pages.get(key)
    if (!found) {
      found = list(offset)
      // A failed read is not remembered: the next search asks again.
      found.catch(() => pages.delete(key))
      pages.set(key, found)
    }
    return found as Promise<ArticlePage<Item>>
  }

  /**
   * The first item, newest first, that `matches` and that no other search of this run has taken.
   * The item is taken in the same synchronous step as it is matched: two articles with the same
   * title and text, searched for at once, each get their own item, whatever order ties were
   * listed in.
   */
  async function search<Item extends { updatedAt: number }>(name: string, list: Lister<Item>, intent: ArticleIntent, idOf: (item: Item) => string, matches: (item: Item) => boolean): Promise<Item | undefined> {
    const since = Date.parse(intent.at) - CLOCK_SKEW_MS
    for (let offset = 0, read = 0; read < MAX_PAGES; read++) {
      const { items, totalCount } = await page(name, list, offset)
      for (const item of items) {
        if (item.updatedAt < since) return undefined
        if (!taken.has(idOf(item)) && matches(item)) {
          taken.add(idOf(item))
          return item
        }
      }
      offset += items.length
      if (items.length === 0 || offset >= totalCount) return undefined
    }
    return undefined
  }

  // An intent from an entry recorded before fingerprints were (submit of an old draft) has none:
  // its title and time window have to do.
  const sameArticle = (intent: Pick<ArticleIntent, 'title' | 'fingerprint'>, article: { title: string; content: string } | undefined): boolean =>
    article !== undefined && article.title === intent.title && (intent.fingerprint === '' || contentFingerprint(article.content) === intent.fingerprint)

  return {
    /**
     * The draft or news item a create intent made, if the account has it: one article with the
     * intent's title and text, or, for a push, as many as it had, each with its title and text,
     * in order.
     */
    async created(key: string, intent: ArticleIntent): Promise<FoundGroup | undefined> {
      const members = intent.push?.members.map((member) => member.key) ?? [key]
      const recordedElsewhere = new Set(Object.entries(account.articles).filter(([other]) => !members.includes(other)).map(([, entry]) => entry.mediaId))
      const list: Lister<ListedArticleGroup> =
        intent.target === 'news' ? (offset) => client.listNews({ offset, count: 20 }) : (offset) => client.listDrafts({ offset, count: 20 })
      const wanted = intent.push?.members ?? [intent]
      const found = await search(intent.target, list, intent, (group) => group.mediaId, (group) =>
        group.articles.length === wanted.length && !recordedElsewhere.has(group.mediaId) && wanted.every((article, index) => sameArticle(article, group.articles[index])),
      )
      return found && { mediaId: found.mediaId }
    },

    /** Whether the draft of a submit intent is still in the draft box (then it was not submitted). */
    async draftExists(mediaId: string): Promise<boolean> {
      try {
        await client.getDraft(mediaId)
        return true
      } catch (error) {
        if (errcodeOf(error) === unknownMediaErrcode) return false
        throw error
      }
    },

    /** The published article a submit intent made, once Weixin has finished publishing it. */
    async published(intent: ArticleIntent): Promise<FoundPublication | undefined> {
      const list: Lister<ListedPublication> = (offset) => client.listPublished({ offset, count: 20 })
      const wanted = intent.push?.members ?? [intent]
      const found = await search('published', list, intent, (publication) => publication.articleId, (publication) =>
        publication.articles.length === wanted.length && wanted.every((article, index) => sameArticle(article, publication.articles[index])),
      )
      return found && { articleId: found.articleId, url: found.articles[0]?.url, urls: found.articles.map((article) => article.url) }
    },
  }
}

export type Searcher = ReturnType<typeof createSearcher>
