import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import type { LockData } from '@mdwx/publish'
import { createWeixinClient } from '@mdwx/weixin'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { callsTo, draftArticles, uploadedFilenames, uploadPaths } from '../../../test/support/emulator.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

/** `count` posts, each with a picture of its own (so each needs two uploads: body and cover). */
async function setUp(count: number, options: EmulatorOptions = {}): Promise<{ emulator: Emulator; cwd: string }> {
  const emulator = await startEmulator(options)
  closers.push(() => emulator.close())
  const cwd = await createTempDir('weixin')
  const files: Record<string, string | Buffer> = {}
  for (let i = 0; i < count; i++) {
    files[`p${i}.png`] = await pictures.png(20 + i, 20)
    files[`post-${i}.md`] = `# Post ${i}\n\n![p](p${i}.png)\n`
  }
  await writeFiles(path.join(cwd, 'posts'), files)
  return { emulator, cwd }
}

const readLock = async (cwd: string) => JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

describe('publish: what Weixin answers', () => {
  it('an edited article whose draft was deleted in the console (40007 on update) is created again', async () => {
    const { emulator, cwd } = await setUp(1)
    const first = await publishTo(emulator, cwd, ['posts'])
    const oldId = first.articles[0]!.mediaId!
    const client = createWeixinClient({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url })
    await client.deleteDraft(oldId)
    await client.close()
    await writeFile(path.join(cwd, 'posts/post-0.md'), '# Post 0\n\n![p](p0.png)\n\nEdited.\n')

    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles[0]).toMatchObject({ status: 'created', target: 'draft' })
    expect(report.articles[0]!.mediaId).not.toBe(oldId)
    expect(emulator.state.count('draft/update', 40007)).toBe(1)
    expect(draftArticles(emulator).map((article) => article.content.includes('Edited.'))).toEqual([true])
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']!.mediaId).toBe(report.articles[0]!.mediaId)
  })

  it('submit: each draft is published, its URL reported and recorded; a re-run submits nothing again', async () => {
    const { emulator, cwd } = await setUp(2, { publishDelayMs: 0 })
    const report = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(report.articles.map((article) => article.status)).toEqual(['created', 'created'])
    expect(emulator.state.count('freepublish/submit')).toBe(2)
    for (const article of report.articles) {
      expect(article.publishId).toMatch(/^\d+$/)
      expect(article.articleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\//)
    }
    const recorded = (await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']!
    expect(recorded).toMatchObject({ publishId: report.articles[0]!.publishId, articleUrl: report.articles[0]!.articleUrl })

    const again = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(again.articles.map((article) => [article.status, article.articleUrl])).toEqual(report.articles.map((article) => ['unchanged', article.articleUrl]))
    expect(emulator.state.count('freepublish/submit')).toBe(2)
  })

  it('submit: a run stopped while Weixin publishes is followed by one that waits on the same job, never a second submit', async () => {
    let later = 0
    const { emulator, cwd } = await setUp(1, { now: () => Date.now() + later })
    const stop = new AbortController()
    const weixin = { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url, retry: { minDelayMs: 5, maxDelayMs: 20 } }
    const onRequest = (info: { endpoint: string }) => {
      if (info.endpoint === 'freepublish/get') stop.abort()
    }
    const stopped = await publishTo(emulator, cwd, ['posts'], { submit: true, weixin: { ...weixin, signal: stop.signal, onRequest } })
    expect(stopped.articles[0]?.status).toBe('failed')
    const publishId = (await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']!.publishId
    expect(publishId).toMatch(/^\d+$/)

    later = 60_000 // Weixin has finished publishing by the next run
    const resumed = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(resumed.articles[0]).toMatchObject({ status: 'unchanged', publishId, articleUrl: expect.stringMatching(/\/s\//) })
    expect(emulator.state.count('freepublish/submit')).toBe(1)
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']!.articleUrl).toBe(resumed.articles[0]!.articleUrl)
  })

  it('submit on an account that may not publish through the API (48001): the draft is kept, with a warning saying where to publish it', async () => {
    const { emulator, cwd } = await setUp(1, { faults: { unverified: true } })
    const report = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(report.articles[0]?.status).toBe('created')
    expect(ruleIds(report)).toEqual(['posts/post-0.md  warning  publish-not-permitted'])
    expect(report.articles[0]!.messages[0]!.hint).toMatch(/草稿箱/)
    expect(emulator.state.drafts.size).toBe(1)
    expect(emulator.state.publishes.size).toBe(0)
    expect(report.errors).toBe(0)
  })

  it('submit rejected by review: the article fails and says so; the draft stays recorded', async () => {
    const { emulator, cwd } = await setUp(1, { publishDelayMs: 0, faults: { publishFailure: { status: 4 } } })
    const report = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(report.articles[0]?.status).toBe('failed')
    expect(ruleIds(report)).toEqual(['posts/post-0.md  error  publish-rejected'])
    expect(report.articles[0]!.messages[0]!.message).toMatch(/rejected by review/)
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/post-0.md']).toBeDefined()
    // The next run asks about the same job instead of submitting a draft that left the draft box.
    const again = await publishTo(emulator, cwd, ['posts'], { submit: true })
    expect(ruleIds(again)).toEqual(['posts/post-0.md  error  publish-rejected'])
    expect(emulator.state.count('freepublish/submit')).toBe(1)
  })

  it('an upload Weixin refuses fails that article only; the others are published', async () => {
    const { emulator, cwd } = await setUp(3, { faults: { scripted: [{ path: 'media/uploadimg', errcode: 40009 }] } })
    const report = await publishTo(emulator, cwd, ['posts'], { concurrency: 1 })
    expect(report.articles.map((article) => article.status).sort()).toEqual(['created', 'created', 'failed'])
    const failed = report.articles.find((article) => article.status === 'failed')!
    expect(failed.messages).toEqual([expect.objectContaining({ ruleId: 'weixin-api', message: expect.stringMatching(/^Uploading images: .*40009/) })])
    expect(report.totals.failed).toBe(1)
  })

  it.each([
    ['the daily quota is used up (45009)', { dailyQuota: 1 }, 45009],
    ['the IP is not on the whitelist (40164)', { ipNotWhitelisted: '203.0.113.9' }, 40164],
  ])('an account-wide refusal, %s, stops the run instead of repeating it for every article', async (_, faults, errcode) => {
    const { emulator, cwd } = await setUp(6, { faults })
    const report = await publishTo(emulator, cwd, ['posts'], { concurrency: 2 })
    expect(report.articles.map((article) => article.status)).toEqual(Array(6).fill('failed'))
    for (const article of report.articles) expect(article.messages[0]!.message).toContain(String(errcode))
    // Only the calls already on the wire when the first refusal came back (at most `concurrency`).
    expect(emulator.state.calls.filter((call) => call.errcode === errcode).length).toBeLessThanOrEqual(2)
    expect(callsTo(emulator, ['draft/add', 'material/add_news'])).toBe(0)
    if (errcode === 40164) expect(report.articles[0]!.messages[0]!.hint).toMatch(/203\.0\.113\.9/)
  })

  it('a run stopped half-way (the daily quota ran out) resumes from the lock file: nothing uploaded twice, every article once', async () => {
    const { emulator, cwd } = await setUp(6, { faults: { dailyQuota: 5 } })
    const stopped = await publishTo(emulator, cwd, ['posts'], { concurrency: 1 })
    expect(stopped.totals.failed).toBeGreaterThan(0)
    const lock = (await readLock(cwd)).accounts[DEMO_APP_ID]!
    const recorded = Object.keys(lock.images).length + Object.keys(lock.covers).length
    expect(recorded).toBe(emulator.state.images.length + emulator.state.materials.size)
    expect(recorded).toBeGreaterThan(0)

    emulator.setFaults({}) // the next day
    const resumed = await publishTo(emulator, cwd, ['posts'])
    expect(resumed.totals.failed).toBe(0)
    expect(resumed.totals.imagesUploaded).toBe(12 - recorded)
    const names = uploadedFilenames(emulator)
    expect(names).toHaveLength(12)
    expect(new Set(names).size).toBe(12)
    expect(draftArticles(emulator).map((article) => article.title).sort()).toEqual(['Post 0', 'Post 1', 'Post 2', 'Post 3', 'Post 4', 'Post 5'])
  })

  it('when the first add_news fails for another reason (busy), the articles waiting on it still switch to drafts', async () => {
    const { emulator, cwd } = await setUp(3, { faults: { scripted: [{ path: 'material/add_news', errcode: -1, times: 5 }] } })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles.map((article) => article.status).sort()).toEqual(['created', 'created', 'failed'])
    expect(emulator.state.count('material/add_news', -1)).toBe(5) // the first try and four retries
    expect(emulator.state.count('material/add_news', 45103)).toBe(1)
    expect(emulator.state.drafts.size).toBe(2)
    const failed = report.articles.find((article) => article.status === 'failed')!
    expect(failed.messages[0]!.message).toMatch(/-1/)

    // The failed one goes to the draft box on the next run, add_news is not asked again.
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again).filter(([, status]) => status === 'created')).toHaveLength(1)
    expect(emulator.state.count('material/add_news')).toBe(6)
    expect(emulator.state.drafts.size).toBe(3)
  })

  it('a client passed in is used and left open for its owner', async () => {
    const { emulator, cwd } = await setUp(1)
    const client = createWeixinClient({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url })
    closers.push(() => client.close())
    const report = await publishTo(emulator, cwd, ['posts'], { client, appId: DEMO_APP_ID })
    expect(report.articles[0]?.status).toBe('created')
    expect(report.totals.apiCalls).toBe(client.stats().requests)
    expect(callsTo(emulator, uploadPaths)).toBe(2)
    expect((await client.getMaterialCount()).image).toBe(1) // still open
  })
})
