import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { attentionCrops, generateCover, loadImage, normalizeImage, type CoverCrops, type GeneratedCoverOptions, type NormalizedImage } from '@mdwx/images'
import type { ImageRef } from '@mdwx/render'
import type { ArticleMessage } from './article-message.js'
import type { AccountLock, UploadedCover, UploadedImage } from './lock-file.js'
import { inPostAssetFolder, isRootRelative, locateRootRelative, type PictureSite } from './picture-location.js'

/** One distinct picture of a run, by the hash of its source bytes. */
export interface CatalogImage {
  sourceHash: string
  /** Where it came from (path or URL), for messages. */
  origin: string
  /** Normalised bytes waiting for their upload; dropped once uploaded. */
  normalized?: NormalizedImage | undefined
  /** What the upload returned: from the lock file, or set by this run's upload. */
  uploaded?: UploadedImage
  warnings: string[]
  /** Characters of an SVG's text drawn as boxes (NormalizedImage.missingGlyphs); none known for a picture the lock already has. */
  missingGlyphs: readonly string[]
}

export interface CatalogCover {
  sourceHash: string
  origin: string
  normalized?: NormalizedImage | undefined
  uploaded?: UploadedCover
  /**
   * The parts Weixin shows in the feed (2.35:1) and in share cards (1:1), chosen on the normalised
   * picture (sharp's attention strategy), or exact for a generated cover; from the lock file for
   * a cover uploaded before. Undefined for a cover an older mdwx uploaded: Weixin then crops it
   * its own way, as it did.
   */
  crops?: CoverCrops | undefined
  /** A generated cover: the characters of its title or author left out (no glyph in Noto Sans SC). */
  missingGlyphs?: readonly string[]
}

/** What a generated cover is drawn from: `generateCover`'s options. */
export type GeneratedCoverSpec = Required<Pick<GeneratedCoverOptions, 'title' | 'colour'>> & Pick<GeneratedCoverOptions, 'author'>

/**
 * Bumped when a generated cover would look different for the same title: the new look is then
 * uploaded once. Left alone, covers already uploaded stay as they are.
 */
const GENERATED_COVER_DESIGN = 'mdwx generated cover 1'

export interface CatalogOptions {
  /** The account's record; undefined with --force (everything is uploaded again). */
  lock: AccountLock | undefined
  fetch?: { timeoutMs?: number; maxBytes?: number; allowPrivateNetwork?: boolean }
}

interface Loaded {
  data: Uint8Array
  origin: string
  sourceHash: string
}

/**
 * Loads and normalises the images of every article of a run: each source once, each distinct
 * picture (by content) normalised once, so twenty articles sharing a logo cost one encode. What
 * the lock file already has is only read and hashed, never encoded again. Source bytes are not
 * kept: only normalised bytes wait (up to 1 MB each) for their upload.
 */
export function createImageCatalog(options: CatalogOptions) {
  const imagesBySource = new Map<string, Promise<CatalogImage>>()
  const imagesByHash = new Map<string, Promise<CatalogImage>>()
  const coversBySource = new Map<string, Promise<CatalogCover>>()
  const coversByHash = new Map<string, Promise<CatalogCover>>()

  async function load(src: string, site: PictureSite): Promise<Loaded> {
    const fetch = options.fetch
    const where = isRootRelative(src) ? await locateRootRelative(src, site) : { src: await inPostAssetFolder(src, site), root: site.root }
    const { data, origin } = await loadImage(where.src, { baseDir: path.dirname(site.path), root: where.root, ...(fetch ? { fetch } : {}) })
    return { data, origin, sourceHash: createHash('sha256').update(data).digest('hex') }
  }

  // A root-relative path means the same picture from every article of a site; a relative one the
  // file beside the article, else (two posts of one folder each with their own `photo.png`) the
  // one in the article's own post asset folder.
  function sourceKey(src: string, site: PictureSite): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return src
    if (isRootRelative(src)) return `${site.assetRoots.join('\0')}\0${src}`
    const beside = path.resolve(path.dirname(site.path), src)
    return existsSync(beside.replace(/[?#][\s\S]*$/, '')) ? beside : `${site.path}\0${src}`
  }

  function imageFrom(source: Loaded): Promise<CatalogImage> {
    let image = imagesByHash.get(source.sourceHash)
    if (!image) {
      const uploaded = options.lock?.images[source.sourceHash]
      const base = { sourceHash: source.sourceHash, origin: source.origin }
      image = uploaded
        ? Promise.resolve({ ...base, uploaded, warnings: [], missingGlyphs: [] })
        : sameAsCover(source).then((normalized) => ({ ...base, normalized, warnings: normalized.warnings, missingGlyphs: normalized.missingGlyphs }))
      imagesByHash.set(source.sourceHash, image)
    }
    return image
  }

  /**
   * A still picture normalises the same for the body and for a cover (`gif: 'still'` changes only
   * animations), so a picture met first as another article's cover is not encoded again.
   */
  async function sameAsCover(source: Loaded): Promise<NormalizedImage> {
    const cover = isGif(source.data) ? undefined : await coversByHash.get(source.sourceHash)?.catch(() => undefined)
    return cover?.normalized ?? normalizeImage(source.data, { filename: source.origin })
  }

  /** The other way round: a cover whose picture is already a body picture of some article. */
  async function stillOf(source: Loaded): Promise<NormalizedImage> {
    const image = isGif(source.data) ? undefined : await imagesByHash.get(source.sourceHash)?.catch(() => undefined)
    return image?.normalized?.api === 'uploadimg' ? image.normalized : still(source)
  }

  /**
   * The cover made from a picture already known by hash: normalised (by `normalize`) only if not
   * in the lock, and its crops chosen on the normalised picture unless `normalize` knows them.
   */
  function coverFrom(source: Omit<Loaded, 'data'>, normalize: () => Promise<NormalizedImage | { normalized: NormalizedImage; crops: CoverCrops; missingGlyphs?: readonly string[] }>): Promise<CatalogCover> {
    let cover = coversByHash.get(source.sourceHash)
    if (!cover) {
      const uploaded = options.lock?.covers[source.sourceHash]
      const base = { sourceHash: source.sourceHash, origin: source.origin }
      cover = uploaded
        ? Promise.resolve({ ...base, uploaded, crops: uploaded.crops })
        : normalize().then(async (made) => {
            if ('normalized' in made) return { ...base, ...made }
            return { ...base, normalized: made, crops: await attentionCrops(made.data, source.origin) }
          })
      coversByHash.set(source.sourceHash, cover)
    }
    return cover
  }

  // A cover is a still picture: an animated GIF contributes its first frame.
  const still = (source: Loaded) => normalizeImage(source.data, { filename: source.origin, gif: 'still' })

  /**
   * The cover that is also a body picture: a still JPG/PNG normalises the same with `gif: 'still'`,
   * so its bytes serve both (one encode, not two). An animated GIF, or a picture the lock already
   * has (never normalised in this run), is loaded again for its first frame.
   */
  function coverOfImage(image: CatalogImage, src: string, site: PictureSite): Promise<CatalogCover> {
    const normalized = image.normalized
    return coverFrom(image, () => (normalized?.api === 'uploadimg' ? Promise.resolve(normalized) : load(src, site).then(still)))
  }

  return {
    /** An image of an article's body, by `src` as written in the article. */
    image(src: string, site: PictureSite): Promise<CatalogImage> {
      const key = sourceKey(src, site)
      let image = imagesBySource.get(key)
      if (!image) {
        image = load(src, site).then(imageFrom)
        imagesBySource.set(key, image)
      }
      return image
    },

    /** An article's cover: a permanent material, so it is uploaded apart from body images. */
    cover(src: string, site: PictureSite): Promise<CatalogCover> {
      const key = sourceKey(src, site)
      let cover = coversBySource.get(key)
      if (!cover) {
        const image = imagesBySource.get(key)
        cover = image
          ? image.then((known) => coverOfImage(known, src, site))
          : load(src, site).then((source) => coverFrom(source, () => stillOf(source)))
        coversBySource.set(key, cover)
      }
      return cover
    },

    /**
     * A cover drawn from the article's title (`generateCover`), known by the hash of what it is
     * drawn from: a re-run with the same title, author and colour finds it in the lock without
     * drawing it. Its crops are exact: the whole picture, and the centre square with the text.
     */
    generatedCover(spec: GeneratedCoverSpec): Promise<CatalogCover> {
      const sourceHash = createHash('sha256').update(JSON.stringify([GENERATED_COVER_DESIGN, spec.title, spec.author ?? null, spec.colour])).digest('hex')
      return coverFrom({ sourceHash, origin: 'the generated cover' }, async () => {
        const drawn = await generateCover(spec)
        const normalized = await normalizeImage(drawn.data, { filename: 'the generated cover' })
        return { normalized, crops: drawn.crops, missingGlyphs: drawn.missingGlyphs }
      })
    },

    /**
     * The configured default cover (`defaultCover`, an absolute path): the project's own setting,
     * not an article's, so it may live anywhere (outside the folder being published).
     */
    defaultCover(file: string): Promise<CatalogCover> {
      let cover = coversBySource.get(file)
      if (!cover) {
        // Encoded: loadImage reads a reference as Markdown writes it (`%20`, `?query`).
        const reference = encodeURIComponent(path.basename(file))
        cover = loadImage(reference, { baseDir: path.dirname(file), root: path.parse(file).root }).then(({ data, origin }) => {
          const source = { data, origin, sourceHash: createHash('sha256').update(data).digest('hex') }
          return coverFrom(source, () => stillOf(source))
        })
        coversBySource.set(file, cover)
      }
      return cover
    },

    /** A cover the lock file has, by its hash alone (a generated one, when its article is unchanged). */
    knownCover(sourceHash: string): CatalogCover | undefined {
      const uploaded = options.lock?.covers[sourceHash]
      return uploaded && { sourceHash, origin: 'the generated cover', uploaded, crops: uploaded.crops }
    },
  }
}

export type ImageCatalog = ReturnType<typeof createImageCatalog>

/** GIF files may be animated: their cover is the first frame, their body picture may move. */
function isGif(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x47 && data[1] === 0x49 && data[2] === 0x46 && data[3] === 0x38
}

/**
 * The warning at a picture's place in the article when its SVG text had characters the font
 * lacks (drawn as boxes): a diagram (`diagram-glyph-missing`), a formula drawn as a picture
 * (`math-glyph-missing`) or an SVG the writer gave (`image-glyph-missing`). One per picture in
 * the article, naming each character once.
 */
export function missingGlyphsMessage(path: string, ref: ImageRef, image: CatalogImage): ArticleMessage | undefined {
  const characters = image.missingGlyphs
  if (characters.length === 0) return undefined
  const [what, ruleId, hint] =
    ref.drawn === 'diagram'
      ? ['The diagram', 'diagram-glyph-missing', 'Write those labels with other characters, or keep the diagram as code (front matter `mermaid: false`).']
      : ref.drawn === 'formula'
        ? ['The formula', 'math-glyph-missing', 'Write that text with other characters.']
        : [`The picture ${image.origin}`, 'image-glyph-missing', 'Convert its text to outlines, or export it as PNG.']
  const shown = characters.slice(0, 20).map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${character})`)
  if (characters.length > shown.length) shown.push(`and ${characters.length - shown.length} more`)
  const count = characters.length === 1 ? 'a character' : `${characters.length} characters`
  const message: ArticleMessage = {
    path,
    severity: 'warning',
    message: `${what} shows ${count} as ${characters.length === 1 ? 'a box' : 'boxes'}: Noto Sans SC, the font its text is drawn with, has no glyph for ${shown.join(', ')}`,
    ruleId,
    hint,
  }
  if (ref.position) Object.assign(message, { line: ref.position.line, column: ref.position.column })
  return message
}

/** Messages in the order of their places in the article (pictures resolve in any order). */
export function byPlace(a: ArticleMessage, b: ArticleMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
}
