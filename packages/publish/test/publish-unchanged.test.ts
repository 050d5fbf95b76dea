import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import type { LockData, PublishedArticle } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { draftArticles, imageSources, timesUploaded } from '../../../test/support/emulator.js'
import { sha256, writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

async function setUp(files: Record<string, string | Buffer>): Promise<{ emulator: Emulator; cwd: string; lockFile: string }> {
  const emulator = await startEmulator()
  closers.push(() => emulator.close())
  const cwd = await createTempDir('unchanged')
  await writeFiles(path.join(cwd, 'posts'), files)
  return { emulator, cwd, lockFile: path.join(cwd, 'mdwx.lock.json') }
}

async function entries(lockFile: string): Promise<Record<string, PublishedArticle>> {
  const lock = JSON.parse(await readFile(lockFile, 'utf8')) as LockData
  return Object.values(lock.accounts)[0]!.articles
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

describe('publish: unchanged articles, from the lock file', () => {
  it('each entry records what the article was made from: title, cover and pictures as written, and their hash', async () => {
    const { emulator, cwd, lockFile } = await setUp({
      'cover.jpg': await pictures.jpeg(),
      'one.png': await pictures.png(30, 20),
      'two.png': await pictures.png(31, 20),
      'a.md': '---\ncover: cover.jpg\n---\n\n# Made of\n\n![one](one.png) ![two](two.png) ![one](one.png)\n',
    })
    await publishTo(emulator, cwd, ['posts'])
    const entry = (await entries(lockFile))['posts/a.md']!
    expect(entry).toMatchObject({ title: 'Made of', cover: 'cover.jpg', images: ['one.png', 'two.png'], inputHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(JSON.stringify(entry)).not.toContain(cwd) // no absolute path: the file is committed

    const calls = emulator.state.calls.length
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(again.articles[0]).toMatchObject({ status: 'unchanged', title: 'Made of', imagesUploaded: 0, imagesReused: 3, mediaId: entry.mediaId })
    expect(emulator.state.calls.length).toBe(calls)
  })

  it('a picture replaced under the same name, the Markdown untouched, is uploaded and the article updated', async () => {
    const { emulator, cwd } = await setUp({ 'one.png': await pictures.png(30, 20), 'a.md': '# A\n\n![one](one.png)\n\nText.\n' })
    const first = await publishTo(emulator, cwd, ['posts'])
    const replacement = await pictures.png(40, 20)
    await writeFile(path.join(cwd, 'posts', 'one.png'), replacement)
    const second = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(second)).toEqual([['posts/a.md', 'updated']])
    expect(second.articles[0]).toMatchObject({ mediaId: first.articles[0]!.mediaId, imagesUploaded: 2 }) // the picture, and it as the cover
    expect(timesUploaded(emulator, sha256(replacement))).toBe(1)
    const url = emulator.state.images.find((image) => image.filename.startsWith(sha256(replacement).slice(0, 16)))!.url
    expect(imageSources(draftArticles(emulator)[0]!.content)).toEqual([url])
  })

  it('an entry without input hash (an older mdwx) is found unchanged by its content, and gains one', async () => {
    const { emulator, cwd, lockFile } = await setUp({ 'one.png': await pictures.png(30, 20), 'a.md': '# A\n\n![one](one.png)\n' })
    await publishTo(emulator, cwd, ['posts'])
    const lock = JSON.parse(await readFile(lockFile, 'utf8')) as LockData
    const entry = Object.values(lock.accounts)[0]!.articles['posts/a.md']!
    const recorded = { ...entry }
    for (const key of ['inputHash', 'title', 'cover', 'images'] as const) delete entry[key]
    await writeFile(lockFile, JSON.stringify(lock))

    const calls = emulator.state.calls.length
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/a.md', 'unchanged']])
    expect(emulator.state.calls.length).toBe(calls)
    expect((await entries(lockFile))['posts/a.md']).toEqual(recorded)
  })

  it('an article with a data: URI picture records no input hash (the URI would fill the lock file) and is still found unchanged', async () => {
    const { emulator, cwd, lockFile } = await setUp({ 'one.png': await pictures.png(30, 20), 'a.md': `# A\n\n![one](one.png)\n\n![inline](${await pictures.dataUri()})\n` })
    await publishTo(emulator, cwd, ['posts'])
    const entry = (await entries(lockFile))['posts/a.md']!
    expect(entry.title).toBe('A')
    expect(entry).not.toHaveProperty('inputHash')
    expect(entry).not.toHaveProperty('images')
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/a.md', 'unchanged']])
  })

  it('an article made a draft is skipped, though its entry is still in the lock file', async () => {
    const { emulator, cwd } = await setUp({ 'one.png': await pictures.png(30, 20), 'a.md': '# A\n\n![one](one.png)\n' })
    await publishTo(emulator, cwd, ['posts'])
    await writeFile(path.join(cwd, 'posts', 'a.md'), '---\ndraft: true\n---\n\n# A\n\n![one](one.png)\n')
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/a.md', 'skipped']])
  })
})
