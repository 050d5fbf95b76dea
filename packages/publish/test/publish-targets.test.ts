import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import { publish, type LockData } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const emulators: Emulator[] = []

async function setUp(options: EmulatorOptions = {}) {
  const emulator = await startEmulator(options)
  emulators.push(emulator)
  const cwd = await createTempDir('targets')
  const files: Record<string, string | Buffer> = { 'cover.png': await pictures.png() }
  for (const name of ['one', 'two', 'three']) files[`${name}.md`] = `---\ncover: cover.png\n---\n\n# Post ${name}\n\nText of ${name}.\n`
  await writeFiles(path.join(cwd, 'posts'), files)
  const lock = async () => JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData
  return { emulator, cwd, lock }
}

afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()))
})
afterAll(removeTempDirs)

describe('publish: target', () => {
  it('auto on a retired account: one add_news answers 45103, said once, drafts instead, remembered for later runs', async () => {
    const { emulator, cwd, lock } = await setUp()
    const notices: string[] = []
    const report = await publishTo(emulator, cwd, ['posts'], { onNotice: (notice) => notices.push(notice) })
    expect(statuses(report)).toEqual([
      ['posts/one.md', 'created'],
      ['posts/three.md', 'created'],
      ['posts/two.md', 'created'],
    ])
    expect(report.articles.map((article) => article.target)).toEqual(['draft', 'draft', 'draft'])
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain('45103')
    expect(emulator.state.count('material/add_news')).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(3)
    expect((await lock()).accounts[report.appId]?.articleApi).toBe('draft')

    // The next run goes straight to the draft box: an edit is a draft/update, a new file a draft/add.
    await writeFile(path.join(cwd, 'posts/two.md'), '---\ncover: cover.png\n---\n\n# Post two\n\nEdited.\n')
    await writeFile(path.join(cwd, 'posts/four.md'), '---\ncover: cover.png\n---\n\n# Post four\n')
    notices.length = 0
    const again = await publishTo(emulator, cwd, ['posts'], { onNotice: (notice) => notices.push(notice) })
    expect(statuses(again)).toEqual([
      ['posts/four.md', 'created'],
      ['posts/one.md', 'unchanged'],
      ['posts/three.md', 'unchanged'],
      ['posts/two.md', 'updated'],
    ])
    expect(notices).toEqual([])
    expect(emulator.state.count('material/add_news')).toBe(1)
    expect(emulator.state.count('draft/update')).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(4)
  })

  it('auto where add_news still works: news materials, and an edit goes through update_news', async () => {
    const { emulator, cwd, lock } = await setUp({ newsApi: 'available' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles.map((article) => [article.status, article.target, article.index])).toEqual(Array(3).fill(['created', 'news', 0]))
    expect(emulator.state.news.size).toBe(3)
    expect(emulator.state.count('draft/add')).toBe(0)
    expect((await lock()).accounts[report.appId]?.articleApi).toBeUndefined()

    await writeFile(path.join(cwd, 'posts/one.md'), '---\ncover: cover.png\n---\n\n# Post one\n\nEdited.\n')
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toContainEqual(['posts/one.md', 'updated'])
    expect(emulator.state.count('material/update_news')).toBe(1)
    const edited = emulator.state.news.get(again.articles[0]!.mediaId!)
    expect(edited?.articles[0]?.content).toContain('Edited.')
  })

  it('news, forced on a retired account: every article fails with 45103 and its hint, nothing falls back to drafts', async () => {
    const { emulator, cwd } = await setUp()
    const report = await publishTo(emulator, cwd, ['posts'], { target: 'news' })
    expect(report.articles.map((article) => article.status)).toEqual(['failed', 'failed', 'failed'])
    expect(ruleIds(report)).toEqual(['posts/one.md  error  weixin-api', 'posts/three.md  error  weixin-api', 'posts/two.md  error  weixin-api'])
    const [message] = report.articles[0]!.messages
    expect(message?.message).toMatch(/45103/)
    expect(message?.hint).toMatch(/draft/)
    expect(emulator.state.count('draft/add')).toBe(0)
    expect(report.totals.failed).toBe(3)
  })

  it('draft: straight to draft/add, add_news never asked', async () => {
    const { emulator, cwd } = await setUp({ newsApi: 'available' })
    const report = await publishTo(emulator, cwd, ['posts'], { target: 'draft' })
    expect(report.articles.map((article) => [article.status, article.target])).toEqual(Array(3).fill(['created', 'draft']))
    expect(emulator.state.count('material/add_news')).toBe(0)
    expect(emulator.state.drafts.size).toBe(3)
  })

  it('an article recorded as news is created again as a draft when update_news answers 45103', async () => {
    const { emulator, cwd, lock } = await setUp({ newsApi: 'available' })
    const first = await publishTo(emulator, cwd, ['posts/one.md'])
    expect(first.articles[0]).toMatchObject({ status: 'created', target: 'news' })
    // Weixin retires the API between two runs.
    emulator.setFaults({ scripted: [{ path: 'material/update_news', errcode: 45103 }] })
    await writeFile(path.join(cwd, 'posts/one.md'), '---\ncover: cover.png\n---\n\n# Post one\n\nEdited.\n')
    const notices: string[] = []
    const report = await publishTo(emulator, cwd, ['posts/one.md'], { onNotice: (notice) => notices.push(notice) })
    expect(report.articles[0]).toMatchObject({ status: 'created', target: 'draft' })
    expect(notices).toHaveLength(1)
    expect(emulator.state.count('material/update_news', 45103)).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(1)
    const account = (await lock()).accounts[report.appId]!
    expect(account.articleApi).toBe('draft')
    expect(account.articles['posts/one.md']).toMatchObject({ target: 'draft', mediaId: report.articles[0]!.mediaId })
  })

  it.each([
    [{ target: 'newest' as never }, /target/],
    [{ concurrency: 0 }, /concurrency/],
    [{ concurrency: 1.5 }, /concurrency/],
  ])('an invalid option (%o) is an error before anything is read or sent', async (options, name) => {
    const { emulator, cwd } = await setUp()
    await expect(publishTo(emulator, cwd, ['posts'], options)).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringMatching(name) })
    expect(emulator.state.calls).toEqual([])
  })

  it('without a client or client options (and not a dry run) it says what is missing', async () => {
    const cwd = await createTempDir('targets')
    await expect(publish(['.'], { cwd })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining('weixin') })
  })
})
