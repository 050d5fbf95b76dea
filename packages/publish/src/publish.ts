import path from 'node:path'
import { expectOneOf, expectOption, expectPositiveInteger } from '@mdwx/errors'
import { createWeixinClient, type PreviewRecipient, type WeixinClient, type WeixinClientOptions } from '@mdwx/weixin'
import { createArticleApi, type RequestedTarget } from './article-api.js'
import { countProblems, hasErrors } from './article-message.js'
import { articlePayload, payloadHash } from './article-payload.js'
import { discoverMarkdown, type MarkdownFile } from './discover.js'
import { createImageCatalog, type CatalogOptions } from './image-catalog.js'
import { createIntentLog } from './intent-log.js'
import { isAccountWide } from './error-message.js'
import { createLimiter, type Limiter } from './limiter.js'
import { LockFile, lockFileName, type AccountLock, type PublishedArticle } from './lock-file.js'
import { dryRunPreview, previewSettingsFrom, type PreviewSettings } from './phone-preview.js'
import { prepareArticles, type PreparedArticle } from './prepare.js'
import { ignoredDigestNote, planPushes, type ConfiguredPush, type PushPlan } from './push-plan.js'
import { isKeptPush, publishPush, pushHeldBack } from './publish-push.js'
import { retireReplaced } from './retire.js'
import { contentWithUrls, publishArticle, type ArticleRun } from './publish-article.js'
import { createSearcher } from './reconcile.js'
import { createRenderPool, renderThreadsFor, type RenderPool } from './render-pool.js'
import { renderSettingsFrom } from './render-settings.js'
import { contentSize } from './content-size.js'
import { coverCropsOf, coverSettings } from './cover.js'
import { countStatuses, type ArticleReport, type ArticleTarget, type PublishReport } from './report.js'
import { createStandIns, type StandIns } from './stand-ins.js'
import type { ThemeSource } from './theme-source.js'
import { createUploader, type UploadCounters } from './uploader.js'
import { resolveWeixinOption } from './weixin-option.js'

export interface PublishOptions {
  /** A client you built; else one is made from `weixin`. */
  client?: WeixinClient
  /**
   * Options for the client mdwx makes (credentials, base URL, dispatcher...), or `'env'`: the
   * credentials from `WEIXIN_APPID`, `WEIXIN_APPSECRET` (or `WEIXIN_ACCESS_TOKEN`),
   * `WEIXIN_API_BASE`, `MDWX_RELAY` and `MDWX_RELAY_KEY`, and `.env` in `cwd`, read as the CLI
   * reads them (`weixinFromEnv()` of @mdwx/weixin).
   */
  weixin?: WeixinClientOptions | 'env'
  /** The account the lock file records under; default: the client options' appId. */
  appId?: string
  /** `auto` (default): add_news, switching to drafts when the account answers 45103. */
  target?: RequestedTarget
  /** After the draft exists, publish it (freepublish/submit) and wait for the result. */
  submit?: boolean
  /**
   * Send each new or changed draft to this person's phone (message/mass/preview): `{ wxname }`
   * (their 微信号) or `{ openid }`. One preview per draft (a push is one); the lock file records
   * which version went to whom, so an unchanged re-run sends nothing. Not publishing.
   */
  previewTo?: PreviewRecipient
  /** With `previewTo`: send every draft of the run again, changed or not. */
  previewAgain?: boolean
  /** Everything but the network: render, normalise, check, and say what would be done. */
  dryRun?: boolean
  /** Publish the valid articles even when others have errors. */
  keepGoing?: boolean
  /** Ignore the lock file: upload and create everything again. */
  force?: boolean
  /** Uploads at once (and article calls at once). Default 4. */
  concurrency?: number
  theme?: ThemeSource
  /** TeX formulas: `'auto'` (default: SVG while the article fits, the heaviest as pictures when not), `'svg'` or `'image'` (every formula a picture uploaded like an image). */
  math?: 'auto' | 'svg' | 'image'
  /** How http(s) images are downloaded (timeout, size cap, whether loopback and private hosts may serve them). */
  fetch?: CatalogOptions['fetch']
  /** Folders where root-relative pictures (`/images/x.png`) live, before the site's own static folders (found from its generator's config). */
  assetRoots?: readonly string[]
  /**
   * The cover of an article with no front matter cover and no picture (`defaultCover` of
   * mdwx.config.json): a picture's path, relative to `cwd`. Without it such an article gets a cover
   * generated from its title (as does one whose front matter says `cover: generate`).
   */
  defaultCover?: string
  /** Default: `mdwx.lock.json` in `cwd`. */
  lockFile?: string
  /** Publish only the files found under `paths` that this accepts (one account's articles of a folder, say). */
  filter?: (file: MarkdownFile) => boolean
  /** Globs a file must match to be published (against its path from `cwd`); all files when none. */
  include?: readonly string[]
  /** Globs that leave a file out. */
  exclude?: readonly string[]
  /** Folder that paths, `lockFile` and a theme file are resolved against. Default: `process.cwd()`. */
  cwd?: string
  /** Render threads; default: none below 3 cores (see README, "Render threads"). */
  threads?: number
  /** The articles of the run, in the order given (a folder: file-name order), as one push (`--together`). */
  together?: boolean
  /** Pushes named in the config (`pushes` of mdwx.config.json): a name and its paths, which win over front matter `push`. */
  pushes?: readonly ConfiguredPush[]
  /** Every article too long for one Weixin article goes out as a push of parts (`--split`; front matter `split: auto` does it for one). */
  split?: boolean
  /** Progress: each article as it finishes, and notices (e.g. the switch to drafts). */
  onArticle?: (article: ArticleReport) => void
  onNotice?: (message: string) => void
  /** Once everything is prepared: how many articles will now be sent (`onArticle` follows for each). */
  onPrepared?: (articles: number) => void
}

/**
 * A folder of Markdown in, articles in the Weixin account out (DESIGN.md "The flow of one
 * article"). Everything is prepared and checked before anything is sent: if any article has an
 * error, nothing is published (unless `keepGoing`).
 */
export async function publish(paths: readonly string[], options: PublishOptions = {}): Promise<PublishReport> {
  const started = performance.now()
  const target = options.target ?? 'auto'
  expectOneOf(target, ['auto', 'news', 'draft'], 'target')
  const concurrency = options.concurrency ?? 4
  expectPositiveInteger(concurrency, 'concurrency')
  const dryRun = options.dryRun === true
  const preview = previewSettingsFrom(options)
  expectOption(dryRun || options.client !== undefined || options.weixin !== undefined, "a client, client options or 'env'", 'weixin', undefined)

  const cwd = options.cwd ?? process.cwd()
  const weixin = await resolveWeixinOption(options.weixin, cwd, dryRun || options.client !== undefined)
  const appId = options.appId ?? weixin.appId
  const lock = await LockFile.open(path.resolve(cwd, options.lockFile ?? lockFileName))
  const lockKey = appId ?? dryRunAccount(lock, dryRun, cwd, options.onNotice) ?? 'default'
  const account = lock.account(lockKey)
  const found = await discoverMarkdown(paths, { cwd, assetRoots: options.assetRoots, include: options.include, exclude: options.exclude })
  const files = options.filter === undefined ? found : found.filter(options.filter)
  // Links between posts name any post found, of this account or another; the URL is this account's.
  const settings = await renderSettingsFrom(options, cwd, found, (file) => account.articles[lock.articleKey(file.path)]?.articleUrl)
  const covers = await coverSettings(options.defaultCover, cwd, settings.theme)
  // Started once it is known how many articles need rendering: none, when nothing changed.
  let pool: RenderPool | undefined
  const poolFor = (articles: number): RenderPool => (pool ??= createRenderPool(settings, options.threads ?? renderThreadsFor(articles)))
  const standIns = createStandIns()
  let apiCalls = 0
  const counters: UploadCounters = { uploaded: 0, bytes: 0 }
  try {
    const known = options.force ? undefined : account
    const catalog = createImageCatalog({ lock: known, ...(options.fetch ? { fetch: options.fetch } : {}) })
    const pushing = await planPushes(files, { together: options.together === true, pushes: options.pushes ?? [], cwd })
    // A push made anew needs every article's content, unchanged or not: none is skipped unrendered.
    const keysOf = (plan: PushPlan) => plan.files.map((file) => lock.articleKey(file.path))
    const mustRender = new Set(pushing.plans.filter((plan) => !isKeptPush(plan.name, keysOf(plan), known)).flatMap(keysOf))
    const split = (file: MarkdownFile) => options.split === true || pushing.split.has(file.path)
    const prepared = await prepareArticles(files, { catalog, settings, covers, standIns, lock, account: known, pool: poolFor, mustRender, split })
    const reports = prepared.map(initialReport)
    prepared.forEach((article, index) => reports[index]!.messages.push(...(pushing.problems.get(article.file.path) ?? [])))
    // Every push by the keys of its articles: the planned ones, and each split article's parts.
    const pushes = [...pushing.plans.map((plan) => ({ name: plan.name, keys: keysOf(plan) })), ...splitPushes(prepared)]
    const reportOf = new Map(prepared.map((article, index) => [article.key, reports[index]!]))
    const renderedOf = new Map(prepared.map((article) => [article.key, article.rendered]))
    for (const plan of pushing.plans) {
      const note = ignoredDigestNote(plan, (file) => renderedOf.get(lock.articleKey(file.path))?.article.digest)
      if (note) reportOf.get(lock.articleKey(note.path))!.messages.push(note)
    }
    const publishable = prepared.filter((article, index) => {
      const report = reports[index]!
      if (article.skipped) return false
      if (hasErrors(report.messages)) {
        report.status = 'failed'
        return false
      }
      return true
    })
    const anyFailed = publishable.length < prepared.filter((article) => !article.skipped).length
    const heldBack = anyFailed && !options.keepGoing
    // Progress counts what is sent: skipped, failed and held-back articles never report back.
    options.onPrepared?.(heldBack || dryRun ? 0 : publishable.length)
    if (heldBack) {
      holdBack(prepared, reports, 'Not published: other articles have errors. Fix them, or use --keep-going to publish the valid ones.')
    } else if (dryRun) {
      describeDryRun(prepared, reports, known, standIns, preview)
    } else {
      const client = options.client ?? createWeixinClient(weixin.weixin!)
      const requestsBefore = client.stats().requests
      const run = articleRun(client, { pool: poolFor, settings, standIns, lock, account }, target, concurrency, counters, options)
      const toPublish = new Set(publishable)
      const member = new Map(prepared.map((article, index) => [article.key, { prepared: article, report: reports[index]! }]))
      const inPush = new Set(pushes.flatMap((push) => push.keys))
      try {
        await Promise.all([
          ...prepared.map(async (article, index) => {
            if (!toPublish.has(article) || inPush.has(article.key)) return
            await publishArticle(article, reports[index]!, run)
            options.onArticle?.(reports[index]!)
          }),
          ...pushes.map(async (push) => {
            const members = push.keys.flatMap((key) => member.get(key) ?? []).filter((one) => !one.prepared.skipped)
            const failed = members.filter((one) => !toPublish.has(one.prepared))
            if (failed.length > 0) holdBackPush(push.name, members, failed)
            else if (members.length > 0) await publishPush(push.name, members, run)
            for (const one of members) if (toPublish.has(one.prepared)) options.onArticle?.(one.report)
          }),
        ])
        forgetReplacedSplits(prepared, reports, account, run)
        for (const note of await retireReplaced(run.replacedMedia(), account, lock, run.api)) options.onNotice?.(note)
      } finally {
        await run.uploader.settled()
        apiCalls = client.stats().requests - requestsBefore
        // A client we made is ours to close; one we were given stays open for its owner.
        if (!options.client) await client.close()
      }
    }
    return finalReport(reports, { dryRun, appId: lockKey, lockFile: lock.path, counters, apiCalls, started })
  } finally {
    await pool?.close()
  }
}

/**
 * A dry run may go without credentials, so without the appid that selects the lock file's
 * entries: guessing wrong would call every article new. A lock file of one account is that
 * account; with several, the caller is told why nothing is found.
 */
function dryRunAccount(lock: LockFile, dryRun: boolean, cwd: string, onNotice: ((message: string) => void) | undefined): string | undefined {
  if (!dryRun) return undefined
  const accounts = lock.accountIds()
  if (accounts.length === 1) return accounts[0]
  if (accounts.length > 1) {
    onNotice?.(`Without WEIXIN_APPID the lock file cannot be consulted (${path.relative(cwd, lock.path)} records ${accounts.length} accounts): every article is reported as new.`)
  }
  return undefined
}

function articleRun(
  client: WeixinClient,
  parts: Pick<ArticleRun, 'pool' | 'settings' | 'standIns' | 'lock' | 'account'>,
  target: RequestedTarget,
  concurrency: number,
  counters: UploadCounters,
  options: PublishOptions,
): ArticleRun {
  let stopped: { error: unknown } | undefined
  const checkStillRunning = (): void => {
    if (stopped) throw stopped.error
  }
  const stopRun = (error: unknown): void => {
    stopped ??= { error }
  }
  // The first account-wide refusal stops the run before its slot passes to the next queued call:
  // a wrong secret costs one refused token request, not one per picture.
  const guarded =
    (limiter: Limiter) =>
    <T>(task: () => Promise<T>): Promise<T> =>
      limiter(async () => {
        checkStillRunning()
        try {
          return await task()
        } catch (error) {
          if (isAccountWide(error)) stopRun(error)
          throw error
        }
      })
  const guardedUploads = guarded(createLimiter(concurrency))
  const articleCalls = guarded(createLimiter(concurrency))
  const onRetired = () =>
    options.onNotice?.('This account answered 45103 to add_news (retired by Weixin): creating drafts instead, now and in later runs.')
  const { lock, account } = parts
  const replaced: Array<{ target: ArticleTarget; mediaId: string }> = []
  const intents = createIntentLog(lock, account)
  const preview = previewSettingsFrom(options)
  const api = createArticleApi(client, target, lock, account, intents, onRetired)
  return {
    ...parts,
    client,
    uploader: createUploader(client, lock, account, guardedUploads, counters),
    api: {
      create: (article, request) => articleCalls(() => api.create(article, request)),
      createPush: (request) => articleCalls(() => api.createPush(request)),
      update: (previous, article, request) => articleCalls(() => api.update(previous, article, request)),
      remove: (target, mediaId) => articleCalls(() => api.remove(target, mediaId)),
    },
    replaced: (previous) => void replaced.push({ target: previous.target, mediaId: previous.mediaId }),
    replacedMedia: () => replaced,
    intents,
    // One for the run: what earlier runs left behind is looked for in one listing, however many.
    searcher: createSearcher(client, account),
    force: options.force === true,
    submit: options.submit === true,
    preview: preview === undefined ? undefined : { ...preview, limit: createLimiter(concurrency) },
    checkStillRunning,
    stopRun,
  }
}

/**
 * An article that went out whole after being sent as parts, or as parts after going out whole:
 * what it was before is forgotten once what it is now exists, and its draft retired (deleted at
 * the end of the run).
 */
function forgetReplacedSplits(prepared: readonly PreparedArticle[], reports: readonly ArticleReport[], account: AccountLock, run: ArticleRun): void {
  const sent = (index: number) => ['created', 'updated', 'unchanged'].includes(reports[index]!.status)
  const current = new Set(prepared.map((article) => article.key))
  prepared.forEach((article, index) => {
    if (!sent(index)) return
    const whole = /^(.*)#\d+$/.exec(article.key)?.[1]
    // Sent whole: its parts are stale. Sent as parts: the whole, and parts beyond the ones it has now.
    const parts = (of: string) => Object.keys(account.articles).filter((key) => key.startsWith(`${of}#`) && !current.has(key))
    const stale = whole === undefined ? parts(article.key) : [whole, ...parts(whole)]
    for (const key of stale) {
      const entry = account.articles[key]
      if (entry === undefined || entry.mediaId === account.articles[article.key]?.mediaId) continue
      run.replaced(entry)
      delete account.articles[key]
    }
  })
}

/** The parts of each split article (`posts/a.md#1`, `#2`...), as a push named after the article's key. */
function splitPushes(prepared: readonly PreparedArticle[]): Array<{ name: string; keys: string[] }> {
  const byArticle = new Map<string, string[]>()
  for (const article of prepared) {
    const whole = /^(.*)#\d+$/.exec(article.key)?.[1]
    if (whole === undefined || article.title === undefined) continue
    byArticle.set(whole, [...(byArticle.get(whole) ?? []), article.key])
  }
  return [...byArticle].map(([name, keys]) => ({ name, keys }))
}

/** A push with an article that cannot be published goes out whole or not at all: its other articles wait. */
function holdBackPush(name: string, members: ReadonlyArray<{ prepared: PreparedArticle; report: ArticleReport }>, failed: ReadonlyArray<{ report: ArticleReport }>): void {
  const names = failed.map((one) => one.report.key).join(', ')
  for (const { prepared, report } of members) {
    if (failed.some((one) => one.report === report)) continue
    report.status = 'skipped'
    report.messages.push(pushHeldBack(prepared.file.path, name, names))
  }
}

function initialReport(article: PreparedArticle): ArticleReport {
  return {
    path: article.file.path,
    key: article.key,
    title: article.rendered?.article.title ?? article.unchanged?.title ?? '',
    status: article.skipped ? 'skipped' : 'failed',
    imagesUploaded: 0,
    imagesReused: 0,
    ...(article.rendered === undefined ? {} : contentSize(article.rendered.html)),
    messages: article.messages,
  }
}

function holdBack(prepared: PreparedArticle[], reports: ArticleReport[], why: string): void {
  prepared.forEach((article, index) => {
    const report = reports[index]!
    if (article.skipped || hasErrors(report.messages)) return
    report.status = 'skipped'
    report.messages.push({ path: article.file.path, severity: 'info', message: why, ruleId: 'held-back' })
  })
}

/** What a real run would do, from the lock file: nothing is uploaded or created. */
function describeDryRun(prepared: PreparedArticle[], reports: ArticleReport[], account: AccountLock | undefined, standIns: StandIns, preview: PreviewSettings | undefined): void {
  // A picture shared by several articles would be uploaded once: counted for the first.
  const counted = new Set<string>()
  const count = (report: ArticleReport, key: string, known: boolean) => {
    if (known || counted.has(key)) report.imagesReused++
    else report.imagesUploaded++
    counted.add(key)
  }
  prepared.forEach((article, index) => {
    const report = reports[index]!
    if (article.skipped || hasErrors(report.messages)) return
    const previous = account?.articles[report.key]
    for (const image of article.images) count(report, `image:${image.sourceHash}`, image.uploaded !== undefined)
    if (article.cover) count(report, `cover:${article.cover.cover.sourceHash}`, article.cover.cover.uploaded !== undefined)
    report.status = previous === undefined ? 'created' : isUnchanged(article, previous, standIns) ? 'unchanged' : 'updated'
    if (previous) Object.assign(report, { target: previous.target, mediaId: previous.mediaId, index: previous.index })
    if (preview !== undefined) {
      const owed = account?.intents?.[`preview:${report.key}`]?.action === 'preview'
      const would = dryRunPreview(preview, previous, report.status !== 'unchanged', owed)
      if (would !== undefined) report.preview = would
    }
    const intent = account?.intents?.[report.key]
    if (intent) {
      const what = intent.action === 'create' ? 'creating this article' : 'submitting this draft'
      report.messages.push({
        path: report.path,
        severity: 'info',
        message: `A run stopped at ${intent.at} while ${what}: a real run first looks in the account for what it made, and creates nothing twice.`,
        ruleId: 'interrupted-run',
      })
    }
  })
}

function isUnchanged(article: PreparedArticle, previous: PublishedArticle, standIns: StandIns): boolean {
  if (article.unchanged) return true
  const coverId = article.cover?.cover.uploaded?.mediaId
  const content = coverId === undefined ? undefined : contentWithUrls(article, standIns)
  return content !== undefined && payloadHash(articlePayload(article.rendered!.article, content, coverId!, article.title, coverCropsOf(article.rendered!.article, article.cover!.cover))) === previous.contentHash
}

function finalReport(
  articles: ArticleReport[],
  run: { dryRun: boolean; appId: string; lockFile: string; counters: UploadCounters; apiCalls: number; started: number },
): PublishReport {
  let imagesUploaded = 0
  let imagesReused = 0
  for (const article of articles) {
    imagesUploaded += article.imagesUploaded
    imagesReused += article.imagesReused
  }
  const { errors, warnings } = countProblems(articles)
  return {
    dryRun: run.dryRun,
    appId: run.appId,
    lockFile: run.lockFile,
    articles,
    totals: {
      articles: articles.length,
      ...countStatuses(articles),
      imagesUploaded: run.dryRun ? imagesUploaded : run.counters.uploaded,
      imagesReused,
      bytesUploaded: run.counters.bytes,
      apiCalls: run.apiCalls,
      durationMs: Math.round(performance.now() - run.started),
    },
    errors,
    warnings,
  }
}
