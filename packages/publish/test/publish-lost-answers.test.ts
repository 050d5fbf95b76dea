import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, type Emulator, type EmulatorOptions, type Faults, startEmulator } from '@mdwx/emulator'
import type { LockData, PublishOptions } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { draftArticles, timesUploaded } from '../../../test/support/emulator.js'
import { sha256, writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

async function started(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options)
  closers.push(() => emulator.close())
  return emulator
}

/** `count` posts with a picture each (body picture and cover): 1 + 2 × count uploads before the articles. */
async function posts(count: number): Promise<{ cwd: string; sources: Buffer[] }> {
  const cwd = await createTempDir('lost-answers')
  const files: Record<string, string | Buffer> = {}
  const sources: Buffer[] = []
  for (let i = 0; i < count; i++) {
    const picture = await pictures.png(24 + i, 16)
    sources.push(picture)
    files[`p${i}.png`] = picture
    files[`post-${i}.md`] = `# Post ${i}\n\n![p](p${i}.png)\n\nSome text of post ${i}.\n`
  }
  await writeFiles(path.join(cwd, 'posts'), files)
  return { cwd, sources }
}

/**
 * How many requests a clean publish of one fresh post makes before its first call to `endpoint`:
 * the number the request-counting faults take to strike that call.
 */
async function requestsBefore(endpoint: string, options: EmulatorOptions = {}, publishOptions: PublishOptions = {}): Promise<number> {
  const emulator = await started(options)
  const { cwd } = await posts(1)
  await publishTo(emulator, cwd, ['posts'], publishOptions)
  const index = emulator.state.calls.findIndex((call) => call.path === `/cgi-bin/${endpoint}`)
  expect(index).toBeGreaterThan(0)
  return index
}

const readLock = async (cwd: string) => JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData

/** A publish whose client is cut off (as a killed process is) at the emulator's crash point. */
async function publishUntilCrash(emulator: Emulator, cwd: string, faults: Faults, options: PublishOptions = {}) {
  const stop = new AbortController()
  emulator.setFaults(faults)
  void emulator.whenCrashed().then(() => stop.abort(new Error('killed')))
  const report = await publishTo(emulator, cwd, ['posts'], { ...options, weixin: { ...weixinOf(emulator), signal: stop.signal } })
  emulator.setFaults({})
  return report
}

const weixinOf = (emulator: Emulator) => ({
  appId: DEMO_APP_ID,
  appSecret: '656d756c61746f72656d756c61746f72',
  baseUrl: emulator.url,
  retry: { minDelayMs: 5, maxDelayMs: 20 },
})

describe('publish: a create call whose answer is lost', () => {
  it('draft/add carried out, answer lost: the draft is found in the draft box and recorded, never created twice', async () => {
    const lostAt = await requestsBefore('draft/add')
    const emulator = await started({ faults: { loseAnswerAfter: lostAt } })
    const { cwd } = await posts(1)
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(emulator.state.calls[lostAt]).toMatchObject({ path: '/cgi-bin/draft/add', fault: 'answer-lost' })
    expect(statuses(report)).toEqual([['posts/post-0.md', 'created']])
    expect(ruleIds(report)).toEqual(['posts/post-0.md  info  article-adopted'])
    expect(emulator.state.drafts.size).toBe(1)
    expect(emulator.state.count('draft/add')).toBe(1)
    const account = (await readLock(cwd)).accounts[DEMO_APP_ID]!
    expect(account.articles['posts/post-0.md']?.mediaId).toBe([...emulator.state.drafts.keys()][0])
    expect(account.intents).toBeUndefined()
    // And the next run has nothing to do.
    expect(statuses(await publishTo(emulator, cwd, ['posts']))).toEqual([['posts/post-0.md', 'unchanged']])
  })

  it('add_news carried out, answer lost: the news item is found in the material library', async () => {
    const lostAt = await requestsBefore('material/add_news', { newsApi: 'available' })
    const emulator = await started({ newsApi: 'available', faults: { loseAnswerAfter: lostAt } })
    const { cwd } = await posts(1)
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles[0]).toMatchObject({ status: 'created', target: 'news', mediaId: [...emulator.state.news.keys()][0] })
    expect(emulator.state.news.size).toBe(1)
    expect(emulator.state.count('material/batchget_material')).toBeGreaterThan(0)
  })

  it('a dropped connection before Weixin saw draft/add: nothing is found, and it is created, once', async () => {
    const dropAt = (await requestsBefore('draft/add')) + 1
    const emulator = await started({ faults: { dropConnectionEvery: dropAt } })
    const { cwd } = await posts(1)
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/post-0.md', 'created']])
    expect(emulator.state.calls[dropAt - 1]).toMatchObject({ path: '/cgi-bin/draft/add', fault: 'dropped' })
    expect(emulator.state.count('draft/batchget')).toBeGreaterThan(0)
    expect(emulator.state.count('draft/add')).toBe(2)
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('a timed-out draft/add that Weixin carries out later is waited for and found, not sent again', async () => {
    const emulator = await started()
    const { cwd } = await posts(1)
    // The draft/add after the 45103 meets 600 ms of latency, twice the client's timeout; the
    // lookups after it do not.
    const onRequest = (info: { endpoint: string }) => {
      if (info.endpoint === 'material/add_news') emulator.setFaults({ latencyMs: 600 })
      if (info.endpoint === 'draft/add') emulator.setFaults({})
    }
    const report = await publishTo(emulator, cwd, ['posts'], { weixin: { ...weixinOf(emulator), timeoutMs: 300, onRequest } })
    expect(statuses(report)).toEqual([['posts/post-0.md', 'created']])
    expect(ruleIds(report)).toEqual(['posts/post-0.md  info  article-adopted'])
    expect(emulator.state.count('draft/add')).toBe(1)
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('freepublish/submit carried out, answer lost: the published article is found and its URL recorded, never submitted twice', async () => {
    const lostAt = await requestsBefore('freepublish/submit', { publishDelayMs: 0 }, { submit: true })
    const emulator = await started({ publishDelayMs: 0, faults: { loseAnswerAfter: lostAt } })
    const { cwd } = await posts(1)
    const report = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(report.articles[0]).toMatchObject({ status: 'created', articleUrl: expect.stringContaining('/s/') })
    expect(emulator.state.count('freepublish/submit')).toBe(1)
    expect(emulator.state.publishes.size).toBe(1)
    const entry = (await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']!
    expect(entry.articleUrl).toBe(report.articles[0]!.articleUrl)
    expect(statuses(await publishTo(emulator, cwd, ['posts'], { submit: true }))).toEqual([['posts/post-0.md', 'unchanged']])
    expect(emulator.state.count('freepublish/submit')).toBe(1)
  })
})

describe('publish: a run cut off around a create call, then run again', () => {
  it('cut off before draft/add reached Weixin: the intent is on disk, the next run finds nothing and creates the article once', async () => {
    const crashAt = await requestsBefore('draft/add')
    const emulator = await started()
    const { cwd } = await posts(1)
    const stopped = await publishUntilCrash(emulator, cwd, { crashAfter: crashAt })
    expect(stopped.articles[0]?.status).toBe('failed')
    const intents = (await readLock(cwd)).accounts[DEMO_APP_ID]!.intents
    expect(intents?.['posts/post-0.md']).toMatchObject({ action: 'create', target: 'draft', title: 'Post 0', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(emulator.state.drafts.size).toBe(0)

    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/post-0.md', 'created']])
    expect(ruleIds(again)).toEqual([])
    expect(emulator.state.drafts.size).toBe(1)
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.intents).toBeUndefined()
  })

  it('cut off after Weixin made the draft, before the answer: the next run adopts it; an edit meanwhile updates it', async () => {
    const lostAt = await requestsBefore('draft/add')
    const emulator = await started()
    const { cwd, sources } = await posts(1)
    await publishUntilCrash(emulator, cwd, { loseAnswerAfter: lostAt, crashAfter: lostAt + 1 })
    expect(emulator.state.drafts.size).toBe(1)
    const [mediaId] = [...emulator.state.drafts.keys()]
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']).toBeUndefined()

    const { writeFile } = await import('node:fs/promises')
    await writeFile(path.join(cwd, 'posts/post-0.md'), '# Post 0\n\n![p](p0.png)\n\nSome text of post 0, edited after the crash.\n')
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(again.articles[0]).toMatchObject({ status: 'updated', mediaId })
    expect(ruleIds(again)).toEqual(['posts/post-0.md  info  article-adopted'])
    expect(draftArticles(emulator).map((article) => article.content.includes('edited after the crash'))).toEqual([true])
    expect(emulator.state.count('draft/add')).toBe(1)
    expect(timesUploaded(emulator, sha256(sources[0]!))).toBe(1)
  })

  it('two files with the same title and text, one made before the kill: one adopts it, the other is created, never both on one draft', async () => {
    const twins = async (): Promise<string> => {
      const cwd = await createTempDir('twins')
      const twin = '# Twin\n\n![p](p.png)\n\nThe same words in two files.\n'
      await writeFiles(path.join(cwd, 'posts'), { 'p.png': await pictures.png(30, 20), 'twin-a.md': twin, 'twin-b.md': twin })
      return cwd
    }
    const clean = await started()
    await publishTo(clean, await twins(), ['posts'])
    const firstDraftAdd = clean.state.calls.findIndex((call) => call.path === '/cgi-bin/draft/add')

    // The first draft/add is carried out and its answer lost; the process dies at the next call.
    // Both articles have announced their create, so the next run searches for both at once.
    const emulator = await started()
    const cwd = await twins()
    await publishUntilCrash(emulator, cwd, { loseAnswerAfter: firstDraftAdd, crashAfter: firstDraftAdd + 1 })
    expect(emulator.state.drafts.size).toBe(1)
    expect(Object.keys((await readLock(cwd)).accounts[DEMO_APP_ID]!.intents ?? {}).sort()).toEqual(['posts/twin-a.md', 'posts/twin-b.md'])

    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/twin-a.md', 'created'], ['posts/twin-b.md', 'created']])
    expect(ruleIds(again)).toHaveLength(1)
    const articles = (await readLock(cwd)).accounts[DEMO_APP_ID]!.articles
    expect(emulator.state.drafts.size).toBe(2)
    expect(new Set([articles['posts/twin-a.md']?.mediaId, articles['posts/twin-b.md']?.mediaId])).toEqual(new Set(emulator.state.drafts.keys()))
  })

  it('a dry run says which articles an interrupted run left, and touches nothing', async () => {
    const crashAt = await requestsBefore('draft/add')
    const emulator = await started()
    const { cwd } = await posts(1)
    await publishUntilCrash(emulator, cwd, { crashAfter: crashAt })
    const calls = emulator.state.calls.length
    const dry = await publishTo(emulator, cwd, ['posts'], { dryRun: true })
    expect(ruleIds(dry)).toEqual(['posts/post-0.md  info  interrupted-run'])
    expect(emulator.state.calls).toHaveLength(calls)
  })
})

describe('publish: another program rotating the token, busy answers and dropped connections together', () => {
  it('5 articles with 13 pictures: all created, each once, every picture uploaded once, one token fetch per rotation plus two at most', async () => {
    const cwd = await createTempDir('rotation')
    const files: Record<string, string | Buffer> = {}
    const sources: Buffer[] = []
    for (let i = 0; i < 13; i++) {
      const picture = await pictures.png(20 + i, 12)
      sources.push(picture)
      files[`p${i}.png`] = picture
    }
    for (let article = 0; article < 5; article++) {
      const mine = [0, 1, 2].map((offset) => (article * 3 + offset) % 13).filter((index, at, all) => all.indexOf(index) === at)
      if (article === 4) mine.push(12)
      files[`post-${article}.md`] = `# Post ${article}\n\n${mine.map((index) => `![p](p${index}.png)`).join('\n\n')}\n\nText ${article}.\n`
    }
    await writeFiles(path.join(cwd, 'posts'), files)
    const emulator = await started({ faults: { rotateTokenEvery: 7, busyEvery: 5, dropConnectionEvery: 11 } })

    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.totals, JSON.stringify(report.articles.map((article) => article.messages))).toMatchObject({ created: 5, failed: 0 })
    expect(draftArticles(emulator).map((article) => article.title).sort()).toEqual(['Post 0', 'Post 1', 'Post 2', 'Post 3', 'Post 4'])
    for (const source of sources) expect(timesUploaded(emulator, sha256(source))).toBe(1)
    // Every fault struck, so the run proves something.
    expect(emulator.state.tokenRotations).toBeGreaterThan(2)
    expect(emulator.state.calls.some((call) => call.errcode === 40001)).toBe(true)
    expect(emulator.state.calls.some((call) => call.errcode === -1)).toBe(true)
    expect(emulator.state.calls.some((call) => call.fault === 'dropped')).toBe(true)
    // Tokens handed out: a token request whose connection dropped is retried, not fetched twice.
    expect(emulator.state.count('stable_token', 0)).toBeLessThanOrEqual(emulator.state.tokenRotations + 2)
  })
})
