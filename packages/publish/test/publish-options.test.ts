import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import { publish } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startCountingProxy } from '../../../test/support/counting-proxy.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

async function emulated(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options)
  closers.push(() => emulator.close())
  return emulator
}

/** Two valid posts sharing a picture, one with a picture of its own, and a draft. */
async function project(extra: Record<string, string | Buffer> = {}): Promise<string> {
  const cwd = await createTempDir('options')
  await writeFiles(path.join(cwd, 'posts'), {
    'shared.png': await pictures.png(),
    'own.jpg': await pictures.jpeg(),
    'a.md': '# A\n\n![shared](shared.png)\n',
    'b.md': '# B\n\n![own](own.jpg)\n\n![shared](shared.png)\n',
    'c-draft.md': '---\ndraft: true\n---\n\n# C\n',
    ...extra,
  })
  return cwd
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

describe('publish: statuses and options', () => {
  it('created, unchanged, updated, skipped, and the totals that go with them', async () => {
    const emulator = await emulated()
    const cwd = await project()
    const first = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(first)).toEqual([
      ['posts/a.md', 'created'],
      ['posts/b.md', 'created'],
      ['posts/c-draft.md', 'skipped'],
    ])
    // shared.png and own.jpg as body images; shared.png and own.jpg again as the two covers.
    expect(first.totals).toMatchObject({ articles: 3, created: 2, updated: 0, unchanged: 0, skipped: 1, failed: 0, imagesUploaded: 4, imagesReused: 1 })
    const sent = emulator.state.images.reduce((sum, image) => sum + image.bytes.length, 0) + [...emulator.state.materials.values()].reduce((sum, material) => sum + material.bytes.length, 0)
    expect(first.totals.bytesUploaded).toBe(sent)
    expect(first.totals.apiCalls).toBe(emulator.state.calls.length)
    expect(first.errors).toBe(0)
    expect(first.dryRun).toBe(false)
    expect(first.lockFile).toBe(path.join(cwd, 'mdwx.lock.json'))

    await writeFile(path.join(cwd, 'posts/b.md'), '# B\n\n![own](own.jpg)\n\nEdited.\n')
    const second = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(second)).toEqual([
      ['posts/a.md', 'unchanged'],
      ['posts/b.md', 'updated'],
      ['posts/c-draft.md', 'skipped'],
    ])
    expect(second.totals).toMatchObject({ created: 0, updated: 1, unchanged: 1, skipped: 1, imagesUploaded: 0, bytesUploaded: 0 })
    expect(second.articles[1]).toMatchObject({ mediaId: first.articles[1]!.mediaId, index: 0, target: 'draft' })
  })

  it('keepGoing: the valid articles are published, the invalid one fails; without it nothing is', async () => {
    const cwd = await project({ 'd-broken.md': '# D\n\n![gone](gone.png)\n' })
    const emulator = await emulated()
    const held = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(held)).toEqual([
      ['posts/a.md', 'skipped'],
      ['posts/b.md', 'skipped'],
      ['posts/c-draft.md', 'skipped'],
      ['posts/d-broken.md', 'failed'],
    ])
    expect(ruleIds(held)).toEqual(['posts/a.md  info  held-back', 'posts/b.md  info  held-back', 'posts/d-broken.md  error  image-unresolved'])
    expect(emulator.state.calls).toEqual([])

    const going = await publishTo(emulator, cwd, ['posts'], { keepGoing: true })
    expect(statuses(going)).toEqual([
      ['posts/a.md', 'created'],
      ['posts/b.md', 'created'],
      ['posts/c-draft.md', 'skipped'],
      ['posts/d-broken.md', 'failed'],
    ])
    expect(emulator.state.drafts.size).toBe(2)
  })

  it('dryRun: sends nothing, writes nothing, and says what would be uploaded and created', async () => {
    const cwd = await project()
    const emulator = await emulated()
    const dry = await publish(['posts'], { cwd, dryRun: true })
    expect(dry.dryRun).toBe(true)
    expect(statuses(dry)).toEqual([
      ['posts/a.md', 'created'],
      ['posts/b.md', 'created'],
      ['posts/c-draft.md', 'skipped'],
    ])
    expect(dry.totals).toMatchObject({ imagesUploaded: 4, imagesReused: 1, apiCalls: 0, bytesUploaded: 0 })
    await expect(stat(path.join(cwd, 'mdwx.lock.json'))).rejects.toMatchObject({ code: 'ENOENT' })

    await publishTo(emulator, cwd, ['posts'])
    const lockBefore = await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')
    const callsBefore = emulator.state.calls.length
    await writeFile(path.join(cwd, 'posts/a.md'), '# A\n\n![shared](shared.png)\n\n![own](own.jpg)\n')
    const again = await publishTo(emulator, cwd, ['posts'], { dryRun: true })
    expect(statuses(again)).toEqual([
      ['posts/a.md', 'updated'],
      ['posts/b.md', 'unchanged'],
      ['posts/c-draft.md', 'skipped'],
    ])
    expect(again.articles[0]).toMatchObject({ imagesUploaded: 0, imagesReused: 3 })
    expect(emulator.state.calls.length).toBe(callsBefore)
    expect(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')).toBe(lockBefore)
  })

  it('force: ignores the lock file, uploads and creates everything again', async () => {
    const cwd = await project()
    const emulator = await emulated()
    const first = await publishTo(emulator, cwd, ['posts'])
    const forced = await publishTo(emulator, cwd, ['posts'], { force: true })
    expect(statuses(forced)).toEqual(statuses(first))
    expect(forced.totals.imagesUploaded).toBe(first.totals.imagesUploaded)
    expect(emulator.state.drafts.size).toBe(4)
    expect(emulator.state.count('draft/update')).toBe(0)
    expect(forced.articles[0]!.mediaId).not.toBe(first.articles[0]!.mediaId)
    // The lock now points at the new drafts: the next plain run finds them unchanged.
    const after = await publishTo(emulator, cwd, ['posts'])
    expect(after.articles.map((article) => article.status)).toEqual(['unchanged', 'unchanged', 'skipped'])
    expect(after.articles[0]!.mediaId).toBe(forced.articles[0]!.mediaId)
  })

  it.each([1, 3])('concurrency %i: never more uploads on the wire at once', async (concurrency) => {
    const files: Record<string, string | Buffer> = {}
    for (let i = 0; i < 8; i++) {
      files[`p${i}.png`] = await pictures.png(20 + i, 20)
      files[`post-${i}.md`] = `# Post ${i}\n\n![p](p${i}.png)\n`
    }
    const cwd = await createTempDir('concurrency')
    await writeFiles(path.join(cwd, 'posts'), files)
    const emulator = await emulated({ faults: { latencyMs: 40 } })
    const proxy = await startCountingProxy(emulator.url, /\/cgi-bin\/(media\/uploadimg|material\/add_material)/)
    closers.push(() => proxy.close())
    const report = await publish(['posts'], {
      cwd,
      concurrency,
      weixin: { appId: 'wx4d64777800000000', appSecret: '656d756c61746f72656d756c61746f72', baseUrl: proxy.url },
    })
    expect(report.totals.created).toBe(8)
    expect(proxy.maxInFlight()).toBeLessThanOrEqual(concurrency)
    if (concurrency > 1) expect(proxy.maxInFlight()).toBeGreaterThan(1)
  })

  it('theme: a built-in name, a CSS file, or CSS text styles the content; changing it updates the articles', async () => {
    const cwd = await project({ 'theme.css': 'p { color: #123456; }\n' })
    const emulator = await emulated()
    const contentOf = (mediaId: string | undefined) => emulator.state.drafts.get(mediaId!)!.articles[0]!.content
    const plain = await publishTo(emulator, cwd, ['posts/a.md'])
    const literary = await publishTo(emulator, cwd, ['posts/a.md'], { theme: 'literary' })
    expect(literary.articles[0]?.status).toBe('updated')
    const fromFile = await publishTo(emulator, cwd, ['posts/a.md'], { theme: 'posts/theme.css' })
    expect(fromFile.articles[0]?.status).toBe('updated')
    expect(contentOf(fromFile.articles[0]?.mediaId)).toMatch(/<p style="[^"]*color:#123456/)
    const fromText = await publishTo(emulator, cwd, ['posts/a.md'], { theme: { css: 'p { color: #654321; }' } })
    expect(contentOf(fromText.articles[0]?.mediaId)).toMatch(/<p style="[^"]*color:#654321/)
    expect(plain.articles[0]?.mediaId).toBe(fromText.articles[0]?.mediaId)
    await expect(publishTo(emulator, cwd, ['posts'], { theme: 'missing.css' })).rejects.toMatchObject({ code: 'MDWX_THEME_NOT_FOUND' })
  })

  it('lockFile: kept where asked, articles named relative to it', async () => {
    const cwd = await project()
    await mkdir(path.join(cwd, 'state'))
    const emulator = await emulated()
    const report = await publishTo(emulator, cwd, ['posts'], { lockFile: 'state/weixin.lock.json' })
    expect(report.lockFile).toBe(path.join(cwd, 'state/weixin.lock.json'))
    expect(report.articles.map((article) => article.key)).toEqual(['../posts/a.md', '../posts/b.md', '../posts/c-draft.md'])
    const lock = JSON.parse(await readFile(report.lockFile, 'utf8')) as { accounts: Record<string, { articles: object }> }
    expect(Object.keys(lock.accounts[report.appId]!.articles)).toEqual(['../posts/a.md', '../posts/b.md'])
    await expect(stat(path.join(cwd, 'mdwx.lock.json'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('appId: the lock keeps each account apart', async () => {
    const cwd = await project()
    const emulator = await emulated()
    await publishTo(emulator, cwd, ['posts'])
    const other = await publishTo(emulator, cwd, ['posts'], { appId: 'wx-staging' })
    expect(other.appId).toBe('wx-staging')
    expect(other.articles.map((article) => article.status)).toEqual(['created', 'created', 'skipped'])
    const lock = JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as { accounts: object }
    expect(Object.keys(lock.accounts)).toEqual(['wx-staging', 'wx4d64777800000000'])
  })
})
