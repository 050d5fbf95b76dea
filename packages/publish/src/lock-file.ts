import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'
import { sortKeys } from './sort-keys.js'

/**
 * `mdwx.lock.json`: what this project has already put into each Weixin account, so a re-run
 * uploads nothing twice and creates nothing twice. Meant to be committed: no secrets, no tokens,
 * keys sorted so diffs stay small. The one timestamp is that of an intent, which lives only
 * while its call is under way (a committed lock file has none unless a run was killed).
 */
export interface LockData {
  version: 1
  /** Per appid. */
  accounts: Record<string, AccountLock>
}

export interface AccountLock {
  /** Set once the account answered 45103 to add_news: later runs go straight to drafts. */
  articleApi?: 'draft'
  /** Source content hash (SHA-256 of the original bytes) → what the upload returned. */
  images: Record<string, UploadedImage>
  /** Source content hash → the permanent material used as `thumb_media_id`. */
  covers: Record<string, UploadedCover>
  /** Article path (relative to the lock file, `/`-separated) → what was created. */
  articles: Record<string, PublishedArticle>
  /**
   * Article path → a call that creates something (add_news, draft/add, freepublish/submit),
   * recorded and flushed to disk before it is sent and removed once its answer is recorded. One
   * left behind means a run stopped (or lost the answer) meanwhile: the next run looks in the
   * account for what that call may have made before it creates anything. `preview:<key>` (a
   * message/mass/preview to a phone) is the same for a preview, which cannot be looked up: one
   * left behind means a preview is owed, and the next run sends it (again, maybe).
   */
  intents?: Record<string, ArticleIntent>
  /**
   * Pushes of two articles or more, by name (front matter `push`, a config push, `together`, or a
   * split article's `<path>#parts`): the draft or news item that holds them, and their article keys
   * in order, the headline first. Each article's own entry (`articles`) has the same media_id and
   * its index. An article of no push is a push of its own and is not listed here.
   */
  pushes?: Record<string, PushRecord>
  /**
   * Drafts and news items mdwx made that nothing holds any more (a push replaced, an article moved
   * into a push): recorded before they are deleted, so a run that stops between the create of
   * what replaces them and their deletion still deletes them next time.
   */
  retired?: Record<string, { target: 'news' | 'draft' }>
}

export interface PushRecord {
  target: 'news' | 'draft'
  mediaId: string
  /** Article keys, in the push's order. */
  articles: string[]
  publishId?: string
}

/** One article of a push create: its key and how to recognise it in the account, and its entry once made. */
export interface PushMemberIntent {
  key: string
  title: string
  fingerprint: string
  article: Omit<PublishedArticle, 'target' | 'mediaId' | 'index'>
}

/** What a create, submit or preview call was about to do, and how to recognise its result in the account. */
export interface ArticleIntent {
  action: 'create' | 'submit' | 'preview'
  target: 'news' | 'draft'
  /** When the call was about to be sent (ISO 8601): only what the account got after it can be its result. */
  at: string
  /** The article's title, as sent. */
  title: string
  /** contentFingerprint of the content sent: its text, which Weixin keeps whatever it does to the markup. */
  fingerprint: string
  /** create: the lock entry the article gets once it exists (payload hash as contentHash, input hash...). */
  article?: Omit<PublishedArticle, 'target' | 'mediaId' | 'index'>
  /** submit: the draft being submitted; preview: the draft being sent. */
  mediaId?: string
  /** preview: the recipient, as `previewRecipientId` writes it (a hash, never the 微信号 itself). */
  to?: string
  /** create of a push: every article of it, in order (`title`, `fingerprint`, `article` are the headline's). */
  push?: { name: string; members: PushMemberIntent[] }
}

export interface UploadedImage {
  url: string
  api: 'uploadimg' | 'material'
  /** Only for add_material uploads (animated GIFs). */
  mediaId?: string
}

export interface UploadedCover {
  mediaId: string
  url?: string
  /** The crops sent with every article that uses this cover (`pic_crop_235_1`, `pic_crop_1_1`), chosen once. */
  crops?: { picCrop235_1: string; picCrop1_1: string }
}

export interface PublishedArticle {
  /** SHA-256 of the exact article sent (fields and content): unchanged means nothing to do. */
  contentHash: string
  /**
   * SHA-256 of what the article was made from: its Markdown, the render settings (theme), the
   * versions of mdwx's renderer and publisher, and each picture below (source as written, hash of
   * its bytes, its Weixin URL or media_id). The same inputs again mean the same article: it is
   * not rendered at all. Absent when a picture is a data: URI (the article is then always rendered).
   */
  inputHash?: string
  /** The article's title, for people reading the file and for reports of unchanged articles. */
  title?: string
  /** contentFingerprint of the content sent: how the published article is recognised after a lost answer. */
  fingerprint?: string
  /** The cover's source as written (front matter or the first picture), relative to the article. */
  cover?: string
  /** Every distinct picture source of the body as written, in order of first use. */
  images?: string[]
  target: 'news' | 'draft'
  mediaId: string
  index: number
  publishId?: string
  articleUrl?: string
  /**
   * Previews sent to a phone (message/mass/preview): recipient id (`previewRecipientId`: a hash of
   * the 微信号 or openid, so the committed file names nobody) → the contentHash sent. A push is
   * sent once, and each of its articles records it.
   */
  previews?: Record<string, string>
}

export const lockFileName = 'mdwx.lock.json'

export class LockFile {
  readonly path: string
  private data: LockData
  /** The write on disk now, and the one that will follow it carrying every change made meanwhile. */
  private writing: Promise<void> | undefined
  private next: Promise<void> | undefined

  private constructor(file: string, data: LockData) {
    this.path = file
    this.data = data
  }

  /** Reads the lock file, or starts an empty one when there is none yet. */
  static async open(file: string): Promise<LockFile> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return new LockFile(file, { version: 1, accounts: {} })
      throw new MdwxError('MDWX_LOCK_UNREADABLE', `Cannot read the lock file ${file}.`, { cause, hint: 'Check its permissions.' })
    }
    return new LockFile(file, parseLock(text, file))
  }

  /** An in-memory lock that is never written (dry runs, `--force`... callers decide). */
  static empty(file: string): LockFile {
    return new LockFile(file, { version: 1, accounts: {} })
  }

  /** The appids the lock file records. */
  accountIds(): string[] {
    return Object.keys(this.data.accounts)
  }

  account(appId: string): AccountLock {
    const accounts = this.data.accounts
    return (accounts[appId] ??= { images: {}, covers: {}, articles: {} })
  }

  /** The key an article is recorded under: its path relative to the lock file, with `/`. */
  articleKey(articlePath: string): string {
    return path.relative(path.dirname(this.path), articlePath).split(path.sep).join('/')
  }

  /**
   * Writes the whole lock atomically (a temporary file renamed over the old one): an interrupted
   * run leaves either the old or the new file, never half. Resolves once a write that began after
   * this call is on disk, so every change made before calling is recorded. Saves coalesce: at most
   * one write is under way, and one more waits behind it for every save asked for meanwhile (a
   * hundred uploads answered while one write runs cost one more write, not a hundred).
   */
  save(): Promise<void> {
    if (this.next) return this.next
    if (!this.writing) return this.write()
    const after = this.writing.catch(() => undefined)
    this.next = after.then(() => {
      this.next = undefined
      return this.write()
    })
    return this.next
  }

  private write(): Promise<void> {
    // Serialised when the write begins, not when it was asked for: it carries every change so far.
    const text = `${JSON.stringify(sortKeys(this.data), null, 2)}\n`
    const writing = writeAtomically(this.path, text).finally(() => {
      if (this.writing === writing) this.writing = undefined
    })
    this.writing = writing
    return writing
  }
}

function parseLock(text: string, file: string): LockData {
  const invalid = (why: string) =>
    new MdwxError('MDWX_LOCK_INVALID', `The lock file ${file} is not valid: ${why}.`, {
      hint: 'Restore it from version control. Deleting it makes the next run upload and create everything again.',
    })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw invalid('it is not JSON')
  }
  if (typeof data !== 'object' || data === null) throw invalid('it is not an object')
  const { version, accounts } = data as Partial<LockData>
  if (version !== 1) throw invalid(`version ${JSON.stringify(version)} is not 1 (written by a newer mdwx?)`)
  if (typeof accounts !== 'object' || accounts === null) throw invalid('"accounts" is missing')
  for (const [appId, account] of Object.entries(accounts)) {
    if (typeof account !== 'object' || account === null || Array.isArray(account)) throw invalid(`the account ${JSON.stringify(appId)} is not an object`)
    for (const part of ['images', 'covers', 'articles'] as const) {
      const value: unknown = (account[part] ??= {})
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`"${part}" of the account ${JSON.stringify(appId)} is not an object`)
    }
    for (const part of ['pushes', 'retired'] as const) {
      const value: unknown = account[part]
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) throw invalid(`"${part}" of the account ${JSON.stringify(appId)} is not an object`)
    }
    for (const [name, push] of Object.entries(account.pushes ?? {})) {
      if (!isPushRecord(push)) throw invalid(`the push ${JSON.stringify(name)} of the account ${JSON.stringify(appId)} is not one mdwx writes`)
    }
    const intents: unknown = account.intents
    if (intents !== undefined) {
      if (typeof intents !== 'object' || intents === null || Array.isArray(intents)) throw invalid(`"intents" of the account ${JSON.stringify(appId)} is not an object`)
      for (const [key, intent] of Object.entries(intents)) {
        if (!isIntent(intent)) throw invalid(`the intent for ${JSON.stringify(key)} of the account ${JSON.stringify(appId)} is not one mdwx writes`)
      }
    }
  }
  return { version, accounts }
}

function isIntent(value: unknown): value is ArticleIntent {
  if (typeof value !== 'object' || value === null) return false
  const intent = value as Partial<ArticleIntent>
  const known =
    (intent.action === 'create' && typeof intent.article === 'object' && intent.article !== null) ||
    (intent.action === 'submit' && typeof intent.mediaId === 'string') ||
    (intent.action === 'preview' && typeof intent.mediaId === 'string' && typeof intent.to === 'string')
  return known && (intent.target === 'news' || intent.target === 'draft') && typeof intent.title === 'string' && typeof intent.fingerprint === 'string' && !Number.isNaN(Date.parse(String(intent.at)))
}

function isPushRecord(value: unknown): value is PushRecord {
  if (typeof value !== 'object' || value === null) return false
  const push = value as Partial<PushRecord>
  return (push.target === 'news' || push.target === 'draft') && typeof push.mediaId === 'string' && Array.isArray(push.articles) && push.articles.every((key) => typeof key === 'string')
}

/**
 * A temporary file, flushed to disk, renamed over the old one, and the folder flushed: once this
 * resolves the new lock survives a crash or a power cut, which an intent needs (it must be on disk
 * before the call it announces is sent).
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
    await syncFolder(path.dirname(file))
  } catch (cause) {
    await rm(temporary, { force: true })
    throw new MdwxError('MDWX_LOCK_UNWRITABLE', `Cannot write the lock file ${file}.`, { cause, hint: 'Check that the folder is writable.' })
  }
}

/** fsync of a folder, so a rename in it is durable; platforms that cannot (Windows) skip it. */
async function syncFolder(folder: string): Promise<void> {
  let handle
  try {
    handle = await open(folder, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } catch {
    // EISDIR/EPERM where folders cannot be flushed: the rename is as durable as the platform makes it.
  } finally {
    await handle.close()
  }
}
