import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
import { createImageCatalog } from '../src/image-catalog.js'

describe('image catalog: one encode per still picture, body or cover', () => {
  afterAll(removeTempDirs)

  it('a picture that is one article\'s cover and, under another name, another\'s body picture is normalised once, in either order', async () => {
    const root = await createTempDir('catalog')
    const photo = await pictures.exifJpeg() // must be re-encoded, so sharing is visible as one object
    await writeFiles(root, { 'a/cover.jpg': photo, 'b/same.jpg': photo, 'c/again.jpg': photo, 'd/later.jpg': photo })
    const article = (folder: string) => path.join(root, folder, 'post.md')

    const coverFirst = createImageCatalog({ lock: undefined })
    const cover = await coverFirst.cover('cover.jpg', { path: article('a'), root, assetRoots: [] })
    const image = await coverFirst.image('same.jpg', { path: article('b'), root, assetRoots: [] })
    expect(cover.normalized).toBeDefined()
    expect(image.normalized).toBe(cover.normalized)

    const bodyFirst = createImageCatalog({ lock: undefined })
    const body = await bodyFirst.image('again.jpg', { path: article('c'), root, assetRoots: [] })
    const laterCover = await bodyFirst.cover('later.jpg', { path: article('d'), root, assetRoots: [] })
    expect(body.normalized).toBeDefined()
    expect(laterCover.normalized).toBe(body.normalized)
  })

  it('an animated GIF keeps moving in the body while its cover is the first frame', async () => {
    const root = await createTempDir('catalog-gif')
    const gif = await pictures.animatedGif()
    await writeFiles(root, { 'a/cover.gif': gif, 'b/body.gif': gif })
    const catalog = createImageCatalog({ lock: undefined })
    const cover = await catalog.cover('cover.gif', { path: path.join(root, 'a', 'post.md'), root, assetRoots: [] })
    const image = await catalog.image('body.gif', { path: path.join(root, 'b', 'post.md'), root, assetRoots: [] })
    expect(cover.normalized?.format).not.toBe('gif')
    expect(image.normalized).toMatchObject({ format: 'gif', api: 'material' })
  })
})
