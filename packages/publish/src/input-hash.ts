import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import type { CatalogCover, CatalogImage } from './image-catalog.js'
import type { RenderSettings } from './render-settings.js'
import { sortKeys } from './sort-keys.js'

/** A body picture as an article uses it: its source as written and the picture it names. */
export interface ArticlePicture {
  src: string
  image: CatalogImage
}

export interface ArticleCover {
  src: string
  cover: CatalogCover
}

const require = createRequire(import.meta.url)
// A new renderer or publisher may make different HTML from the same Markdown: its articles are
// rendered again once (and updated only if the HTML did change).
const versions = [
  `render ${(require('@mdwx/render/package.json') as { version: string }).version}`,
  `publish ${(require('../package.json') as { version: string }).version}`,
]

/**
 * The hash of everything an article's payload is made from, recorded in the lock file: the
 * Markdown, the render settings, the versions above, and each picture (source as written, hash of
 * its bytes, where Weixin has it). When a later run finds the same, the article is unchanged
 * without being rendered. Undefined until every picture is uploaded, and for an article with a
 * picture whose source must not be stored in the lock file (it would have to be, to be found
 * again): a data: URI, or a URL with a user name, a password or a query (signed URLs carry keys).
 */
export function inputHashOf(settings: RenderSettings, markdown: string, cover: ArticleCover, pictures: readonly ArticlePicture[]): string | undefined {
  const coverId = cover.cover.uploaded?.mediaId
  if (coverId === undefined) return undefined
  const inputs = [[cover.src, cover.cover.sourceHash, coverId]]
  for (const { src, image } of pictures) {
    if (image.uploaded === undefined) return undefined
    inputs.push([src, image.sourceHash, image.uploaded.url])
  }
  if (inputs.some(([src]) => !storableSource(src!))) return undefined
  return createHash('sha256')
    .update(JSON.stringify([versions, sortKeys(settings), inputs]))
    .update('\n')
    .update(markdown)
    .digest('hex')
}

/** Whether a picture's source as written may go into the lock file, which is committed. */
function storableSource(src: string): boolean {
  if (/^data:/i.test(src)) return false
  if (!/^https?:/i.test(src)) return true
  try {
    const url = new URL(src)
    return url.username === '' && url.password === '' && url.search === ''
  } catch {
    return false
  }
}
