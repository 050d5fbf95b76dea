import type { ImageRef } from '@mdwx/render'
import { hasErrors, type ArticleMessage } from './article-message.js'
import type { MarkdownFile } from './discover.js'
import { byPlace, missingGlyphsMessage, type CatalogImage, type ImageCatalog } from './image-catalog.js'
import { findCover, recordedCover, type CoverSettings } from './cover.js'
import { inputHashOf, type ArticleCover, type ArticlePicture } from './input-hash.js'
import { createLimiter } from './limiter.js'
import type { AccountLock, LockFile, PublishedArticle } from './lock-file.js'
import { readMarkdown } from './render-files.js'
import type { RenderedArticle } from './render-in-process.js'
import type { RenderPool } from './render-pool.js'
import type { RenderSettings } from './render-settings.js'
import type { StandIns } from './stand-ins.js'
import { asPart, partKey, partsOf, splitOffer, tooLong, wholeArticleOf } from './split-prepared.js'
import { weixinLimitProblems } from './weixin-limits.js'

export interface PreparedArticle {
  file: MarkdownFile
  /** Its key in the lock file. */
  key: string
  /** The Markdown as read; undefined when the file could not be read. */
  source: string | undefined
  /** Rendered with a stand-in URL for every picture; undefined when not rendered (unreadable, or `unchanged`). */
  rendered: RenderedArticle | undefined
  /** Each distinct picture source of the body, in order of first use. */
  pictures: ArticlePicture[]
  /** The distinct pictures (by content). */
  images: CatalogImage[]
  cover: ArticleCover | undefined
  /** The lock entry, when the article's inputs are exactly those it was published from: nothing to do. */
  unchanged: PublishedArticle | undefined
  skipped: boolean
  messages: ArticleMessage[]
  /** A part of a split article: its title (`标题（1/3）`), replacing the article's. */
  title?: string
}

export interface PrepareContext {
  catalog: ImageCatalog
  settings: RenderSettings
  /** The default cover and the colour of generated ones. */
  covers: CoverSettings
  standIns: StandIns
  lock: LockFile
  /** The account's record; undefined when it is ignored (`force`). */
  account: AccountLock | undefined
  /** The render pool, asked for once it is known how many articles need rendering. */
  pool: (articles: number) => RenderPool
  /** Keys of articles to render even when unchanged (the articles of a push made anew need their content). */
  mustRender?: ReadonlySet<string>
  /** Whether an article too long for one Weixin article is split into a push of parts (`split: auto`, `--split`). */
  split?: (file: MarkdownFile) => boolean
}

/**
 * Step 2 of a publish run: everything that can be done without Weixin, for every article, before
 * anything is sent. First each file is read and compared with the lock file (an article made
 * from exactly the inputs it was published from needs nothing more); then the others are
 * rendered once, with a stand-in URL as long as real ones can be for each picture, every picture
 * is loaded and normalised, every cover found, every limit checked.
 */
export async function prepareArticles(files: readonly MarkdownFile[], context: PrepareContext): Promise<PreparedArticle[]> {
  const limit = createLimiter(16)
  const articles = await Promise.all(files.map((file) => limit(() => readArticle(file, context))))
  const toRender = articles.filter((article) => article.source !== undefined && article.unchanged === undefined)
  if (toRender.length === 0) return articles
  const pool = context.pool(toRender.length)
  await Promise.all(toRender.map((article) => limit(() => renderArticle(article, pool, context))))
  const expanded = await Promise.all(articles.map((article) => limit(() => splitIfTooLong(article, pool, context))))
  return expanded.flat()
}

/**
 * An article over the length limit, as parts (split-prepared.ts) when it is to be split: each part
 * a prepared article of its own (`posts/a.md#2`), titled `标题（2/3）`, with the whole article's
 * cover and digest. When it is not to be split, its error says how many parts `--split` would make.
 */
async function splitIfTooLong(article: PreparedArticle, pool: RenderPool, context: PrepareContext): Promise<PreparedArticle[]> {
  const rendered = article.rendered
  if (rendered === undefined || article.skipped || !tooLong(article.messages)) return [article]
  const imageUrlFor = pictureUrls(article, context, new Map())
  const split = context.split?.(article.file) === true
  const result = await partsOf(article.file.path, article.source!, rendered.article.title, (markdown) => pool.render(article.file.path, markdown, imageUrlFor), split)
  if ('failure' in result) {
    article.messages.push(result.failure)
    return [article]
  }
  if (!split) {
    article.messages.push(splitOffer(article.file.path, result.parts.length))
    return [article]
  }
  const whole = wholeArticleOf(rendered)
  return Promise.all(
    result.parts.map(async (part) => {
      const prepared: PreparedArticle = { ...emptyPrepared(article.file, partKey(article.key, part.index), part.markdown), title: part.title }
      await renderArticle(prepared, pool, context, (one) => asPart(one, part, whole))
      return prepared
    }),
  )
}


function emptyPrepared(file: MarkdownFile, key: string, source: string | ArticleMessage): PreparedArticle {
  return {
    file,
    key,
    source: typeof source === 'string' ? source : undefined,
    rendered: undefined,
    pictures: [],
    images: [],
    cover: undefined,
    unchanged: undefined,
    skipped: false,
    messages: typeof source === 'string' ? [] : [source],
  }
}

async function readArticle(file: MarkdownFile, context: PrepareContext): Promise<PreparedArticle> {
  const article = emptyPrepared(file, context.lock.articleKey(file.path), await readMarkdown(file))
  const previous = context.account?.articles[article.key]
  if (article.source !== undefined && previous?.inputHash !== undefined && !context.mustRender?.has(article.key)) await findUnchanged(article, previous, context)
  return article
}

/**
 * Sets `article.unchanged` when the lock entry's input hash matches: same Markdown, settings and
 * pictures (each read and hashed again; already uploaded). Any doubt (a picture gone, a lock entry
 * edited by hand) leaves the article to be rendered, which reports the problem properly.
 */
async function findUnchanged(article: PreparedArticle, previous: PublishedArticle, context: PrepareContext): Promise<void> {
  const { file } = article
  const { cover: coverSrc, images: sources } = previous
  if (typeof coverSrc !== 'string' || !Array.isArray(sources) || !sources.every((src) => typeof src === 'string')) return
  try {
    const pictures = await Promise.all(sources.map(async (src) => ({ src, image: await context.catalog.image(src, file) })))
    const cover = await recordedCover(coverSrc, file, context.catalog, context.covers)
    if (cover === undefined) return
    if (inputHashOf(context.settings, article.source!, cover, pictures) !== previous.inputHash) return
    Object.assign(article, { unchanged: previous, pictures, images: distinctImages(pictures), cover })
  } catch {
    // Rendering will say what is wrong.
  }
}

/**
 * Pictures resolved to the stand-ins publish measures with, each recorded in `resolved` by its
 * source, and a diagram's missing glyphs in `glyphs`.
 */
function pictureUrls(article: PreparedArticle, context: PrepareContext, resolved: Map<string, CatalogImage>, glyphs: ArticleMessage[] = []) {
  return async (ref: ImageRef): Promise<string> => {
    const image = await context.catalog.image(ref.src, article.file)
    resolved.set(ref.src, image)
    const glyphsMissing = missingGlyphsMessage(article.file.path, ref, image)
    if (glyphsMissing) glyphs.push(glyphsMissing)
    return context.standIns.urlOf(image.sourceHash)
  }
}

async function renderArticle(article: PreparedArticle, pool: RenderPool, context: PrepareContext, adjust: (rendered: RenderedArticle) => RenderedArticle = (rendered) => rendered): Promise<void> {
  const { file } = article
  const resolved = new Map<string, CatalogImage>()
  const glyphs: ArticleMessage[] = []
  const rendered = adjust(await pool.render(file.path, article.source!, pictureUrls(article, context, resolved, glyphs)))
  article.rendered = rendered
  // A draft is not published, so its unfinished parts (a picture not there yet) must not stop
  // the articles that are.
  article.skipped = rendered.article.skip
  if (article.skipped) return
  const sources = [...new Set(rendered.images.map((ref) => ref.src))].filter((src) => resolved.has(src))
  article.pictures = sources.map((src) => ({ src, image: resolved.get(src)! }))
  article.images = distinctImages(article.pictures)
  const { messages } = article
  messages.push(...rendered.messages, ...glyphs.sort(byPlace))
  for (const image of article.images) {
    for (const warning of image.warnings) messages.push({ path: file.path, severity: 'warning', message: `${image.origin}: ${warning}`, ruleId: 'image-changed' })
  }
  // Measured with the stand-ins, which are at least as long as the real URLs.
  messages.push(...weixinLimitProblems(file.path, { ...rendered.article, content: rendered.html }, rendered.messages))
  if (!hasErrors(messages)) article.cover = await findCover(file, rendered, messages, context.catalog, context.covers)
}

function distinctImages(pictures: readonly ArticlePicture[]): CatalogImage[] {
  return [...new Set(pictures.map((picture) => picture.image))]
}
