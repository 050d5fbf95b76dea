import { stat } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'
import type { CoverCrops } from '@mdwx/images'
import type { ArticleMeta } from '@mdwx/render'
import { articleError, hasErrors, type ArticleMessage } from './article-message.js'
import { coverColourOf } from './cover-colour.js'
import type { MarkdownFile } from './discover.js'
import type { CatalogCover, ImageCatalog } from './image-catalog.js'
import type { ArticleCover } from './input-hash.js'
import { isRemote } from './local-images.js'
import type { RenderedFile } from './render-files.js'
import type { RenderedArticle } from './render-in-process.js'
import type { LoadedThemeSource } from './theme-source.js'

/** What a run knows about covers beyond each article: the configured default, and the colour of generated ones. */
export interface CoverSettings {
  /** `defaultCover`, as an absolute path: the cover of an article with neither a cover nor a picture. */
  defaultCover?: string | undefined
  /** The colour generated covers are drawn on (the theme's accent), read the first time one is drawn. */
  colour: () => Promise<string>
}

/**
 * The run's cover settings, checked where they are given: a `defaultCover` that is not a file is
 * an error naming it (`where` says where it was set, for the message).
 */
export async function coverSettings(defaultCover: string | undefined, cwd: string, theme: LoadedThemeSource, where = 'defaultCover'): Promise<CoverSettings> {
  let colour: Promise<string> | undefined
  const settings: CoverSettings = { colour: () => (colour ??= coverColourOf(theme)) }
  if (defaultCover === undefined) return settings
  if (typeof defaultCover !== 'string' || defaultCover === '') {
    throw new MdwxError('MDWX_INVALID_OPTION', `Expected the path of a picture for ${where}, got ${JSON.stringify(defaultCover)}.`, { hint: 'Give the path of a JPG or PNG, relative to the project folder.' })
  }
  const file = path.resolve(cwd, defaultCover)
  const found = await stat(file).catch(() => undefined)
  if (found === undefined || !found.isFile()) {
    throw new MdwxError('MDWX_COVER_NOT_FOUND', `The default cover ${defaultCover} (${where}) ${found === undefined ? 'does not exist' : 'is not a file'}: looked for ${file}.`, {
      hint: `Fix the path in ${where} (it is relative to the folder the setting is in), or remove the setting to generate covers from the titles.`,
    })
  }
  return { ...settings, defaultCover: file }
}

/** Front matter `cover: generate`: a generated cover even when the article has pictures. */
export function isGenerate(cover: string | undefined): boolean {
  return cover !== undefined && cover.trim().toLowerCase() === 'generate'
}

/** The cover an article gets, before anything is loaded. */
type CoverChoice = { kind: 'written'; src: string } | { kind: 'default'; file: string } | { kind: 'generated' }

/**
 * Front matter `cover` (or an alias), else the first picture of the body that is not a formula,
 * else the configured default cover, else a cover generated from the title; `cover: generate`
 * generates one whatever the article holds.
 */
export function chooseCover(rendered: RenderedArticle, settings: CoverSettings): CoverChoice {
  const written = rendered.article.cover
  if (isGenerate(written)) return { kind: 'generated' }
  const src = written ?? firstCoverCandidate(rendered)?.src
  if (src !== undefined) return { kind: 'written', src }
  if (settings.defaultCover !== undefined) return { kind: 'default', file: settings.defaultCover }
  return { kind: 'generated' }
}

/**
 * How the lock file records a cover that is not written in the article (`cover` of an article's
 * entry), so a re-run finds it again without rendering: a generated cover by the hash of what it
 * was drawn from, the default cover by its path from the article's folder.
 */
const generatedPrefix = 'mdwx:generated:'
const defaultPrefix = 'mdwx:default-cover:'

function defaultCoverSrc(articlePath: string, file: string): string {
  return defaultPrefix + path.relative(path.dirname(articlePath), file).split(path.sep).join('/')
}

/** Finds the article's cover (chooseCover) and loads, normalises or draws it; a problem is an error message and undefined. */
export async function findCover(file: MarkdownFile, rendered: RenderedArticle, messages: ArticleMessage[], catalog: ImageCatalog, settings: CoverSettings): Promise<ArticleCover | undefined> {
  const choice = chooseCover(rendered, settings)
  try {
    if (choice.kind === 'written') return { src: choice.src, cover: await catalog.cover(choice.src, file) }
    if (choice.kind === 'default') return { src: defaultCoverSrc(file.path, choice.file), cover: await catalog.defaultCover(choice.file) }
    const { title, author } = rendered.article
    const cover = await catalog.generatedCover({ title, colour: await settings.colour(), ...(author === undefined ? {} : { author }) })
    const leftOut = cover.missingGlyphs ?? []
    if (leftOut.length > 0) {
      messages.push({ path: file.path, severity: 'warning', message: `The generated cover leaves out ${leftOut.join(' ')}: Noto Sans SC, the font it is drawn with, has no glyph for ${leftOut.length === 1 ? 'it' : 'them'}.`, ruleId: 'cover-glyph-missing', hint: 'Keep them in the title, or give the article a cover picture (`cover: path/to/image.jpg`).' })
    }
    return { src: generatedPrefix + cover.sourceHash, cover }
  } catch (error) {
    const { message, hint } = error as { message?: string; hint?: string }
    const what = choice.kind === 'written' ? `Cover ${choice.src}` : choice.kind === 'default' ? `The default cover ${choice.file}` : 'The generated cover'
    messages.push(articleError(file.path, `${what}: ${message ?? String(error)}`, { ruleId: 'cover-unresolved', hint }))
    return undefined
  }
}

/**
 * The cover an unchanged article's lock entry names (`cover`), for its input hash: undefined when
 * it cannot be known without rendering (a generated cover while a default cover is now configured,
 * a default cover that changed), so that the article is rendered and its cover chosen again.
 */
export async function recordedCover(src: string, file: MarkdownFile, catalog: ImageCatalog, settings: CoverSettings): Promise<ArticleCover | undefined> {
  if (src.startsWith(generatedPrefix)) {
    if (settings.defaultCover !== undefined) return undefined
    const cover = catalog.knownCover(src.slice(generatedPrefix.length))
    return cover && { src, cover }
  }
  if (src.startsWith(defaultPrefix)) {
    if (settings.defaultCover === undefined || src !== defaultCoverSrc(file.path, settings.defaultCover)) return undefined
    return { src, cover: await catalog.defaultCover(settings.defaultCover) }
  }
  return { src, cover: await catalog.cover(src, file) }
}

/** The crops sent with the article: front matter `pic_crop_235_1` / `pic_crop_1_1` first, else the cover's own. */
export function coverCropsOf(article: ArticleMeta, cover: CatalogCover): Partial<CoverCrops> {
  const crops: Partial<CoverCrops> = {}
  const wide = article.coverCrop235 ?? cover.crops?.picCrop235_1
  const square = article.coverCrop11 ?? cover.crops?.picCrop1_1
  if (wide !== undefined) crops.picCrop235_1 = wide
  if (square !== undefined) crops.picCrop1_1 = square
  return crops
}

/**
 * The cover problems `publish` would find, for `check` and `convert`: a cover that cannot be read,
 * or a default cover that cannot. Offline: an http(s) cover is left to `publish`, and a cover
 * that is a body picture was already loaded (and its problems reported) as one. A cover to be
 * generated is not drawn here, only announced.
 */
export async function withCoverChecked(result: RenderedFile, catalog: ImageCatalog, settings: CoverSettings): Promise<RenderedFile> {
  const { file, rendered } = result
  if (rendered === undefined || rendered.article.skip || hasErrors(result.messages)) return result
  const choice = chooseCover(rendered, settings)
  if (choice.kind === 'generated') return { ...result, messages: [...result.messages, coverGenerated(file, isGenerate(rendered.article.cover))] }
  if (choice.kind === 'written' && (isRemote(choice.src) || rendered.images.some((image) => image.src === choice.src))) return result
  const messages = [...result.messages]
  await findCover(file, rendered, messages, catalog, settings)
  return { ...result, messages }
}

/** The first picture that can be a cover: any but a formula drawn as a picture (a line-high strip). */
export function firstCoverCandidate(rendered: RenderedArticle) {
  return rendered.images.find((image) => image.drawn !== 'formula')
}

function coverGenerated(file: MarkdownFile, asked: boolean): ArticleMessage {
  return {
    path: file.path,
    severity: 'info',
    message: asked ? 'The cover will be generated from the title (`cover: generate`).' : 'The article has no picture: a cover will be generated from the title.',
    ruleId: 'cover-generated',
    ...(asked ? {} : { hint: 'To use a picture, add `cover: path/to/image.jpg` to the front matter, or set "defaultCover" in mdwx.config.json.' }),
  }
}
