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
 * data: URI picture (its source would have to be stored in the lock file to be found again).
 */
export function inputHashOf(settings: RenderSettings, markdown: string, cover: ArticleCover, pictures: readonly ArticlePicture[]): string | undefined {
  const coverId = cover.cover.uploaded?.mediaId
  if (coverId === undefined) return undefined
  const inputs = [[cover.src, cover.cover.sourceHash, coverId]]
  for (const { src, image } of pictures) {
    if (image.uploaded === undefined) return undefined
    inputs.push([src, image.sourceHash, image.uploaded.url])
  }
  if (inputs.some(([src]) => /^data:/i.test(src!))) return undefined
  return createHash('sha256')
    .update(JSON.stringify([versions, sortKeys(settings), inputs]))
    .update('\n')
    .update(markdown)
    .digest('hex')
}
