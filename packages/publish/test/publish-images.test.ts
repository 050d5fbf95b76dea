import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { draftArticles, imageSources, timesUploaded } from '../../../test/support/emulator.js'
import { sha256, writeFiles } from '../../../test/support/fixtures.js'
import { startImageServer } from '../../../test/support/image-server.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { sharp } from '../../../test/support/sharp.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

async function setUp(files: Record<string, string | Buffer>): Promise<{ emulator: Emulator; cwd: string }> {
  const emulator = await startEmulator()
  closers.push(() => emulator.close())
  const cwd = await createTempDir('images')
  await writeFiles(path.join(cwd, 'posts'), files)
  return { emulator, cwd }
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

describe('publish: images and covers', () => {
  it('a picture used by several articles, under several names, is uploaded once', async () => {
    const logo = await pictures.png(64, 64)
    const { emulator, cwd } = await setUp({
      'logo.png': logo,
      'copy-of-logo.png': logo,
      'cover.jpg': await pictures.jpeg(),
      'a.md': '---\ncover: cover.jpg\n---\n\n# A\n\n![logo](logo.png)\n',
      'b.md': '---\ncover: cover.jpg\n---\n\n# B\n\n![logo](logo.png) ![again](logo.png)\n',
      'sub/c.md': '---\ncover: ../cover.jpg\n---\n\n# C\n\n![copy](../copy-of-logo.png)\n',
    })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.totals.created).toBe(3)
    expect(timesUploaded(emulator, sha256(logo))).toBe(1)
    expect(emulator.state.images).toHaveLength(1)
    expect(emulator.state.materials.size).toBe(1) // the cover, shared too
    const sum = (key: 'imagesUploaded' | 'imagesReused') => report.articles.reduce((total, article) => total + article[key], 0)
    expect(sum('imagesUploaded')).toBe(2)
    expect(sum('imagesReused')).toBe(4) // three covers and three logo uses, less the two uploads
    const urls = draftArticles(emulator).map((article) => imageSources(article.content))
    expect(new Set(urls.flat())).toEqual(new Set([emulator.state.images[0]!.url]))
  })

  it('pictures already in the lock file are not uploaded again for a new article', async () => {
    const logo = await pictures.png(64, 64)
    const { emulator, cwd } = await setUp({ 'logo.png': logo, 'a.md': '# A\n\n![logo](logo.png)\n' })
    await publishTo(emulator, cwd, ['posts'])
    const uploads = emulator.state.images.length + emulator.state.materials.size
    await writeFiles(path.join(cwd, 'posts'), { 'b.md': '# B\n\n![logo](logo.png)\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([
      ['posts/a.md', 'unchanged'],
      ['posts/b.md', 'created'],
    ])
    expect(report.articles[1]).toMatchObject({ imagesUploaded: 0, imagesReused: 2 })
    expect(emulator.state.images.length + emulator.state.materials.size).toBe(uploads)
    expect(imageSources(draftArticles(emulator).find((article) => article.title === 'B')!.content)).toEqual([emulator.state.images[0]!.url])
  })

  it('covers: front matter cover and its aliases, else the first picture of the body; a permanent image material each', async () => {
    const covers = { cover: await pictures.jpeg(40, 30), image: await pictures.jpeg(41, 30), thumbnail: await pictures.jpeg(42, 30), banner: await pictures.jpeg(43, 30) }
    const firstInBody = await pictures.png(50, 40)
    const files: Record<string, string | Buffer> = {
      'first.png': firstInBody,
      'second.png': await pictures.png(51, 40),
      'body-first.md': '# Body first\n\n![first](first.png)\n\n![second](second.png)\n',
    }
    for (const [key, bytes] of Object.entries(covers)) {
      files[`${key}.jpg`] = bytes
      files[`by-${key}.md`] = `---\n${key}: ${key}.jpg\n---\n\n# By ${key}\n\n![second](second.png)\n`
    }
    const { emulator, cwd } = await setUp(files)
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.totals.created).toBe(5)
    for (const article of draftArticles(emulator)) {
      const material = emulator.state.materials.get(article.thumb_media_id)
      expect(material?.type, article.title).toBe('image')
      const key = /^By (\w+)$/.exec(article.title)?.[1] as keyof typeof covers | undefined
      const expected = key ? covers[key] : firstInBody
      expect(material?.filename, article.title).toMatch(new RegExp(`^cover-${sha256(expected).slice(0, 16)}\\.`))
    }
    // The first body picture is both a body image (uploadimg) and a cover (material).
    expect(timesUploaded(emulator, sha256(firstInBody))).toBe(1)
    expect(timesUploaded(emulator, sha256(firstInBody), 'cover')).toBe(1)
  })

  it('a cover that is the first body picture is fetched once and normalised once: the cover is the body upload\'s bytes', async () => {
    const photo = await pictures.exifJpeg() // must be re-encoded (metadata), so the bytes come from normalisation
    const server = await startImageServer({ '/photo.jpg': { body: photo, type: 'image/jpeg' } })
    closers.push(() => server.close())
    const { emulator, cwd } = await setUp({ 'a.md': `# A\n\n![photo](${server.url}/photo.jpg)\n` })
    const report = await publishTo(emulator, cwd, ['posts'], { fetch: { allowPrivateNetwork: true } })
    expect(report.articles[0]?.status).toBe('created')
    expect(server.requests.get('/photo.jpg')).toBe(1)
    const [body] = emulator.state.images
    const [cover] = [...emulator.state.materials.values()]
    expect(cover!.filename).toMatch(/^cover-/)
    expect(Buffer.from(cover!.bytes).equals(Buffer.from(body!.bytes))).toBe(true)
    expect(Buffer.from(body!.bytes).equals(photo)).toBe(false)
  })

  it('a signed or password-carrying picture URL never reaches the lock file, which is committed', async () => {
    const server = await startImageServer({ '/a.png': { body: await pictures.png(30, 20), type: 'image/png' } })
    closers.push(() => server.close())
    const signed = server.url.replace('http://', 'http://alice:hunter2@') + '/a.png?X-Amz-Signature=TOPSECRET'
    const { emulator, cwd } = await setUp({ 'a.md': `# A\n\n![a](${signed})\n` })
    const report = await publishTo(emulator, cwd, ['posts'], { fetch: { allowPrivateNetwork: true } })
    expect(report.articles[0]?.status).toBe('created')
    const lock = await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')
    expect(lock).not.toMatch(/hunter2|TOPSECRET/)
    expect(statuses(await publishTo(emulator, cwd, ['posts'], { fetch: { allowPrivateNetwork: true } }))).toEqual([['posts/a.md', 'unchanged']])
  })

  it('no cover and no picture: the article is published with a cover generated from its title (publish-covers.test.ts)', async () => {
    const { emulator, cwd } = await setUp({ 'p.png': await pictures.png(), 'fine.md': '# Fine\n\n![p](p.png)\n', 'bare.md': '# Bare\n\nOnly words.\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([
      ['posts/bare.md', 'created'],
      ['posts/fine.md', 'created'],
    ])
    expect(ruleIds(report)).toEqual([])
    expect(emulator.state.materials.size).toBe(2)
  })

  it('a cover that cannot be loaded is an error naming it', async () => {
    const { emulator, cwd } = await setUp({ 'a.md': '---\ncover: nowhere.jpg\n---\n\n# A\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(ruleIds(report)).toEqual(['posts/a.md  error  cover-unresolved'])
    expect(report.articles[0]!.messages[0]!.message).toContain('nowhere.jpg')
    expect(emulator.state.calls).toEqual([])
  })

  it('an animated GIF keeps moving through add_material; as a cover it is a still picture', async () => {
    const gif = await pictures.animatedGif()
    const { emulator, cwd } = await setUp({ 'moving.gif': gif, 'a.md': '# A\n\n![moving](moving.gif)\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles[0]?.status).toBe('created')
    expect(emulator.state.images).toHaveLength(0)
    const materials = [...emulator.state.materials.values()]
    const body = materials.find((material) => !material.filename.startsWith('cover-'))!
    const cover = materials.find((material) => material.filename.startsWith('cover-'))!
    expect(body.format).toBe('gif')
    expect((await sharp(body.bytes, { animated: true }).metadata()).pages).toBe(3)
    expect(cover.format).not.toBe('gif')
    const [article] = draftArticles(emulator)
    expect(imageSources(article!.content)).toEqual([body.url])
    expect(article!.thumb_media_id).toBe(cover.mediaId)
  })

  it('an image on an intranet host is refused unless fetch.allowPrivateNetwork', async () => {
    const remote = await pictures.png(33, 33)
    const server = await startImageServer({ '/remote.png': { body: remote, type: 'image/png' } })
    closers.push(() => server.close())
    const { emulator, cwd } = await setUp({ 'a.md': `# A\n\n![remote](${server.url}/remote.png)\n` })
    const refused = await publishTo(emulator, cwd, ['posts'])
    expect(ruleIds(refused)).toEqual(['posts/a.md  error  image-unresolved'])
    expect(refused.articles[0]!.messages[0]!.message).toMatch(/private|loopback/)
    expect(server.requests.size).toBe(0)

    const allowed = await publishTo(emulator, cwd, ['posts'], { fetch: { allowPrivateNetwork: true } })
    expect(allowed.articles[0]?.status).toBe('created')
    expect(timesUploaded(emulator, sha256(remote))).toBe(1)
    expect(server.requests.get('/remote.png')).toBeGreaterThan(0)
  })
})
