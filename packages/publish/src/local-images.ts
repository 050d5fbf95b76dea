import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { MarkdownFile } from './discover.js'
import type { CatalogImage } from './image-catalog.js'

/** The file extension of each normalised format (uploads and assets are named with it). */
export const extensionOf = { jpeg: 'jpg', png: 'png', gif: 'gif' } as const

/** The media type of each normalised format, for serving pictures (previews, screenshots). */
export const contentTypeOf = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif' } as const

/** http(s) images are fetched only by `publish`: convert and check work offline. */
export function isRemote(src: string): boolean {
  return /^https?:/i.test(src)
}

/** The file name a normalised picture gets: its source hash, so the same picture is written once. */
export function assetName(image: CatalogImage): string {
  return `${image.sourceHash}.${extensionOf[image.normalized!.format]}`
}

/**
 * For `convert`: normalised pictures are written to `<out>/assets/<hash>.<ext>` and the HTML points
 * at them with a relative URL, so the converted folder is a faithful offline preview.
 */
export function assetPictureUrls(assetsFolder: string, htmlPathOf: (file: MarkdownFile) => string) {
  const written = new Map<string, Promise<string>>()
  const write = (image: CatalogImage): Promise<string> => {
    let name = written.get(image.sourceHash)
    if (!name) {
      const fileName = assetName(image)
      name = mkdir(assetsFolder, { recursive: true })
        .then(() => writeFile(path.join(assetsFolder, fileName), image.normalized!.data))
        .then(() => {
          image.normalized = undefined // written: the bytes need not stay in memory
          return fileName
        })
      written.set(image.sourceHash, name)
    }
    return name
  }
  return async (image: CatalogImage, file: MarkdownFile): Promise<string> => {
    const fileName = await write(image)
    const relative = path.relative(path.dirname(htmlPathOf(file)), path.join(assetsFolder, fileName))
    return relative.split(path.sep).map(encodeURIComponent).join('/')
  }
}
