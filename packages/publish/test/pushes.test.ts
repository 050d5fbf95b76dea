import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import { check, type LockData } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const emulators: Emulator[] = []
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()))
})
afterAll(removeTempDirs)

async function started(): Promise<Emulator> {
  const emulator = await startEmulator()
  emulators.push(emulator)
  return emulator
}

const post = (title: string, order: number, body = `${title}的正文。`) => `---\ntitle: ${title}\npush: 2026-12-08\npush_order: ${order}\ncover: c.png\n---\n\n${body}\n`

/** Three posts of one push (front matter), a shared cover. */
async function week(): Promise<string> {
  const cwd = await createTempDir('pushes')
  await writeFiles(path.join(cwd, 'week'), {
    'c.png': await pictures.png(40, 30),
    'a.md': post('头条', 1),
    'b.md': post('次条', 2),
    'c.md': post('三条', 3),
  })
  return cwd
}

const drafts = (emulator: Emulator) => [...emulator.state.drafts.values()].map((draft) => draft.articles.map((article) => article.title))
const readLock = async (cwd: string) => JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData
const articleCalls = (emulator: Emulator) => ['draft/add', 'draft/update', 'draft/delete'].map((call) => emulator.state.count(call))

describe('pushes: several articles in one draft', () => {
  it('front matter push: one draft with the articles in push_order, created once, the lock recording the push', async () => {
    const emulator = await started()
    const cwd = await week()
    const report = await publishTo(emulator, cwd, ['week'])
    expect(statuses(report)).toEqual([
      ['week/a.md', 'created'],
      ['week/b.md', 'created'],
      ['week/c.md', 'created'],
    ])
    expect(drafts(emulator)).toEqual([['头条', '次条', '三条']])
    expect(report.articles.map((article) => [article.index, article.push])).toEqual([
      [0, { name: '2026-12-08', index: 0, total: 3 }],
      [1, { name: '2026-12-08', index: 1, total: 3 }],
      [2, { name: '2026-12-08', index: 2, total: 3 }],
    ])
    const account = Object.values((await readLock(cwd)).accounts)[0]!
    const [mediaId] = emulator.state.drafts.keys()
    expect(account.pushes).toEqual({ '2026-12-08': { target: 'draft', mediaId, articles: ['week/a.md', 'week/b.md', 'week/c.md'] } })
    expect(account.intents).toBeUndefined()
  })

  it('an unchanged re-run writes nothing; an edit of the second is exactly one draft/update at index 1', async () => {
    const emulator = await started()
    const cwd = await week()
    await publishTo(emulator, cwd, ['week'])
    expect(articleCalls(emulator)).toEqual([1, 0, 0])
    const again = await publishTo(emulator, cwd, ['week'])
    expect(statuses(again).map(([, status]) => status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(articleCalls(emulator)).toEqual([1, 0, 0])

    await writeFile(path.join(cwd, 'week/b.md'), post('次条', 2, '次条改过的正文。'))
    const edited = await publishTo(emulator, cwd, ['week'])
    expect(statuses(edited).map(([, status]) => status)).toEqual(['unchanged', 'updated', 'unchanged'])
    expect(articleCalls(emulator)).toEqual([1, 1, 0])
    const update = emulator.state.calls.find((call) => call.path === '/cgi-bin/draft/update')
    expect(update).toBeDefined()
    const [draft] = emulator.state.drafts.values()
    expect(draft!.articles[1]!.content).toContain('次条改过的正文')
  })

  it('reordering replaces the push: the new draft first, the old one deleted after, no duplicate left', async () => {
    const emulator = await started()
    const cwd = await week()
    await publishTo(emulator, cwd, ['week'])
    const [old] = emulator.state.drafts.keys()
    await writeFile(path.join(cwd, 'week/c.md'), post('三条', 0))
    const report = await publishTo(emulator, cwd, ['week'])
    expect(drafts(emulator)).toEqual([['三条', '头条', '次条']])
    expect(emulator.state.drafts.has(old!)).toBe(false)
    expect(articleCalls(emulator)).toEqual([2, 0, 1])
    const adds = emulator.state.calls.filter((call) => call.path === '/cgi-bin/draft/add' || call.path === '/cgi-bin/draft/delete').map((call) => call.path)
    expect(adds).toEqual(['/cgi-bin/draft/add', '/cgi-bin/draft/add', '/cgi-bin/draft/delete'])
    expect(ruleIds(report)).toContain('week/a.md  info  push-replaced')
    const account = Object.values((await readLock(cwd)).accounts)[0]!
    expect(account.retired).toBeUndefined()
    expect(account.pushes?.['2026-12-08']?.articles).toEqual(['week/c.md', 'week/a.md', 'week/b.md'])
  })

  it('an article moved out of the push becomes a draft of its own, and the push is made again without it', async () => {
    const emulator = await started()
    const cwd = await week()
    await publishTo(emulator, cwd, ['week'])
    await writeFile(path.join(cwd, 'week/c.md'), '---\ntitle: 三条\ncover: c.png\n---\n\n三条的正文。\n')
    const report = await publishTo(emulator, cwd, ['week'])
    expect(drafts(emulator).sort()).toEqual([['三条'], ['头条', '次条']])
    expect(ruleIds(report)).toContain('week/c.md  info  push-moved')
  })

  it('--together: the files as given make one push, in the order given', async () => {
    const emulator = await started()
    const cwd = await createTempDir('together')
    await writeFiles(path.join(cwd, 'posts'), { 'c.png': await pictures.png(), 'x.md': '# X\n\n![](c.png)\n', 'y.md': '# Y\n\n![](c.png)\n' })
    await publishTo(emulator, cwd, ['posts/y.md', 'posts/x.md'], { together: true })
    expect(drafts(emulator)).toEqual([['Y', 'X']])
  })

  it('config pushes win over front matter, in their order', async () => {
    const emulator = await started()
    const cwd = await week()
    await publishTo(emulator, cwd, ['week'], { pushes: [{ name: 'picked', paths: ['week/c.md', 'week/a.md'] }] })
    expect(drafts(emulator).sort()).toEqual([['三条', '头条'], ['次条']])
  })

  it('more than 8 articles: the ninth is named, with how to split the push, and nothing goes', async () => {
    const emulator = await started()
    const cwd = await createTempDir('nine')
    const files: Record<string, string | Uint8Array> = { 'c.png': await pictures.png() }
    for (let i = 1; i <= 9; i++) files[`p${i}.md`] = post(`第${i}篇`, i)
    await writeFiles(path.join(cwd, 'week'), files)
    const checked = await check(['week'], { cwd })
    expect(checked.articles.map((article) => [article.relativePath, article.status])).toContainEqual(['p9.md', 'failed'])
    expect(checked.articles[8]!.messages[0]).toMatchObject({ ruleId: 'push-too-many', message: expect.stringContaining('this is the 9th'), hint: expect.stringContaining('Split the push') })
    const report = await publishTo(emulator, cwd, ['week'])
    expect(report.articles[8]!.status).toBe('failed')
    expect(emulator.state.drafts.size).toBe(0)
  })

  it('check and publish say once that Weixin ignores the digest of articles after the headline', async () => {
    const cwd = await week()
    await writeFile(path.join(cwd, 'week/b.md'), '---\ntitle: 次条\npush: 2026-12-08\npush_order: 2\ncover: c.png\ndescription: 次条的摘要\n---\n\n正文。\n')
    await writeFile(path.join(cwd, 'week/c.md'), '---\ntitle: 三条\npush: 2026-12-08\npush_order: 3\ncover: c.png\ndescription: 三条的摘要\n---\n\n正文。\n')
    const checked = await check(['week'], { cwd })
    const notes = checked.articles.flatMap((article) => article.messages.filter((message) => message.ruleId === 'push-digest-ignored'))
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ severity: 'info', path: path.join(cwd, 'week/b.md'), message: expect.stringContaining('b.md, c.md') })
    expect(checked.articles.map((article) => article.push?.index)).toEqual([0, 1, 2])
  })

  it('a push whose article cannot be published waits whole', async () => {
    const emulator = await started()
    const cwd = await week()
    await writeFile(path.join(cwd, 'week/b.md'), post('次条', 2, '![](gone.png)'))
    const report = await publishTo(emulator, cwd, ['week'], { keepGoing: true })
    expect(statuses(report).map(([, status]) => status)).toEqual(['skipped', 'failed', 'skipped'])
    expect(ruleIds(report)).toContain('week/a.md  info  push-held-back')
    expect(emulator.state.drafts.size).toBe(0)
    await rm(path.join(cwd, 'week/b.md'))
  })
})
