import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import type { PublishReport } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, imageSources, timesUploaded, uploadPaths } from './support/emulator.js'
import { imageKinds, type KitchenSink, sha256, writeKitchenSink } from './support/fixtures.js'
import { startImageServer, type ImageServer } from './support/image-server.js'
import { exifMarkers } from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { sharp } from './support/sharp.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// One account, published three times: everything new, then nothing changed, then one post edited.
describe('mdwx publish: a folder with every image kind and every front matter field', () => {
  let emulator: Emulator
  let server: ImageServer
  let project: string
  let sink: KitchenSink
  let env: Record<string, string>
  const files: Record<string, { body: Buffer; type: string }> = {}
  const publish = (...flags: string[]) => runCli(['publish', 'posts', '--allow-private-network', ...flags], { cwd: project, env })

  beforeAll(async () => {
    emulator = await startEmulator()
    server = await startImageServer(files)
    project = await createTempDir('every-kind')
    sink = await writeKitchenSink(project, server.url)
    files[sink.remotePath] = { body: sink.remoteBody, type: 'image/png' }
    env = emulatorEnv(emulator, path.join(project, '.cache-home'))
  })

  afterAll(async () => {
    await emulator.close()
    await server.close()
    await removeTempDirs()
  })

  it('creates each publishable article once, as a draft after add_news answers 45103', async () => {
    const run = await publish()
    expect(run.stderr).toContain('45103')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/posts\/every-kind\.md\s+created\s+draft/)
    expect(run.stdout).toMatch(/posts\/shared\.md\s+created\s+draft/)
    expect(run.stdout).toMatch(/posts\/unfinished\.md\s+skipped/)
    expect(run.stdout).toMatch(/posts\/notes\/later\.md\s+skipped/)
    expect(emulator.state.count('material/add_news', 45103)).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(2)
    const titles = draftArticles(emulator).map((article) => article.title)
    expect(titles.sort()).toEqual(['Every image kind', 'Shared picture'])
  })

  it('maps every front matter field, and the cover to a permanent image material', async () => {
    const article = draftArticles(emulator).find((draft) => draft.title === sink.front.title)!
    expect(article).toMatchObject({
      author: sink.front.author,
      digest: sink.front.digest,
      content_source_url: sink.front.sourceUrl,
      need_open_comment: 1,
      only_fans_can_comment: 1,
      show_cover_pic: 1,
    })
    const cover = emulator.state.materials.get(article.thumb_media_id)
    expect(cover?.type).toBe('image')
    expect(cover?.filename).toBe(`cover-${sha256(sink.sources.cover).slice(0, 16)}.jpg`)

    // No cover in front matter: the first image of the body, uploaded as a material of its own.
    const shared = draftArticles(emulator).find((draft) => draft.title === 'Shared picture')!
    expect(shared).toMatchObject({ author: '', content_source_url: '', need_open_comment: 0, only_fans_can_comment: 0, show_cover_pic: 0 })
    expect(emulator.state.materials.get(shared.thumb_media_id)?.filename).toBe(`cover-${sha256(sink.sources.png).slice(0, 16)}.png`)
  })

  it('uploads every picture exactly once, the animated GIF as a material, the shared PNG once for both articles', async () => {
    for (const kind of imageKinds) expect(timesUploaded(emulator, sha256(sink.sources[kind])), kind).toBe(1)
    expect(timesUploaded(emulator, sha256(sink.sources.cover), 'cover')).toBe(1)
    expect(timesUploaded(emulator, sha256(sink.sources.png), 'cover')).toBe(1)
    expect(emulator.state.images).toHaveLength(imageKinds.length - 1) // all but the GIF
    expect(emulator.state.materials.size).toBe(3) // two covers and the GIF
    expect(server.requests.get(sink.remotePath)).toBe(1)

    const gif = [...emulator.state.materials.values()].find((material) => material.format === 'gif')!
    expect(gif.filename.startsWith(sha256(sink.sources.gif).slice(0, 16))).toBe(true)
    expect((await sharp(gif.bytes, { animated: true }).metadata()).pages).toBe(3)
  })

  it('sends pictures oriented, in sRGB, without EXIF or GPS', async () => {
    const uploads = [...emulator.state.images.map((image) => image.bytes), ...[...emulator.state.materials.values()].map((material) => material.bytes)]
    for (const bytes of uploads) {
      const metadata = await sharp(bytes).metadata()
      expect(metadata.exif).toBeUndefined()
      expect(metadata.space).toBe('srgb')
      expect(bytes.includes(exifMarkers.make)).toBe(false)
      expect(bytes.includes(exifMarkers.gpsLatitude)).toBe(false)
    }
    const uploadOf = (kind: (typeof imageKinds)[number]) =>
      emulator.state.images.find((image) => image.filename.startsWith(sha256(sink.sources[kind]).slice(0, 16)))!
    // Stored 96×48 with orientation 6: shown, and so sent, 48×96.
    expect([uploadOf('exif-jpeg').width, uploadOf('exif-jpeg').height]).toEqual([48, 96])
    expect(uploadOf('cmyk-jpeg').format).toBe('jpeg')
    for (const kind of ['webp', 'svg', 'bmp'] as const) expect(['png', 'jpeg']).toContain(uploadOf(kind).format)
  })

  it('puts the uploaded URLs in the content, and nothing else', async () => {
    const uploadedUrls = new Set([...emulator.state.images.map((image) => image.url), ...[...emulator.state.materials.values()].map((material) => material.url)])
    const article = draftArticles(emulator).find((draft) => draft.title === sink.front.title)!
    const sources = imageSources(article.content)
    expect(sources).toHaveLength(imageKinds.length)
    for (const src of sources) expect(uploadedUrls.has(src), src).toBe(true)
    const gif = [...emulator.state.materials.values()].find((material) => material.format === 'gif')!
    expect(sources[imageKinds.indexOf('gif')]).toBe(gif.url)
    expect(article.content).not.toContain('127.0.0.1:' + new URL(server.url).port)
    expect(article.content).not.toContain('data:')

    const shared = draftArticles(emulator).find((draft) => draft.title === 'Shared picture')!
    expect(imageSources(shared.content)).toEqual([sources[0]])
  })

  it('records the account, its uploads and its articles in mdwx.lock.json, keys sorted', async () => {
    const text = await readFile(path.join(project, 'mdwx.lock.json'), 'utf8')
    const lock = JSON.parse(text) as { version: number; accounts: Record<string, Record<string, Record<string, unknown>>> }
    expect(lock.version).toBe(1)
    const account = Object.values(lock.accounts)[0]!
    expect(account['articleApi']).toBe('draft')
    expect(Object.keys(account['articles']!)).toEqual(['posts/every-kind.md', 'posts/shared.md'])
    expect(Object.keys(account['images']!)).toHaveLength(imageKinds.length)
    expect(Object.keys(account['covers']!)).toHaveLength(2)
    expect(Object.keys(account['images']!)).toEqual(Object.keys(account['images']!).sort())
  })

  it('re-run unchanged: no upload, no article call, every article unchanged', async () => {
    const uploadsBefore = callsTo(emulator, uploadPaths)
    const articleCallsBefore = callsTo(emulator, articlePaths)
    const run = await publish('--json')
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as PublishReport
    expect(report.articles.map((article) => [article.key, article.status])).toEqual([
      ['posts/every-kind.md', 'unchanged'],
      ['posts/notes/later.md', 'skipped'],
      ['posts/shared.md', 'unchanged'],
      ['posts/unfinished.md', 'skipped'],
    ])
    expect(report.totals.imagesUploaded).toBe(0)
    expect(callsTo(emulator, uploadPaths)).toBe(uploadsBefore)
    expect(callsTo(emulator, articlePaths)).toBe(articleCallsBefore)
    expect(server.requests.get(sink.remotePath)).toBe(2) // read again to learn its hash, never uploaded again
  })

  it('edit one post: exactly one draft/update, in place, nothing uploaded', async () => {
    const file = path.join(sink.posts, 'shared.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('uploaded once', 'uploaded once, and edited'))
    const uploadsBefore = callsTo(emulator, uploadPaths)
    const draftsBefore = emulator.state.drafts.size
    const addsBefore = emulator.state.count('draft/add')
    const run = await publish()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/posts\/shared\.md\s+updated\s+draft/)
    expect(run.stdout).toMatch(/posts\/every-kind\.md\s+unchanged/)
    expect(emulator.state.count('draft/update')).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(addsBefore)
    expect(emulator.state.drafts.size).toBe(draftsBefore)
    expect(callsTo(emulator, uploadPaths)).toBe(uploadsBefore)
    const shared = draftArticles(emulator).find((draft) => draft.title === 'Shared picture')!
    expect(shared.content).toContain('uploaded once, and edited')
  })
})
