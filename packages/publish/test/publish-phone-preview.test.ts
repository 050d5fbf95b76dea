import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_OPENID, type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import type { LockData, PublishReport } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
import { previewRecipientId } from '../src/phone-preview.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

async function started(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ publishDelayMs: 0, ...options })
  closers.push(() => emulator.close())
  return emulator
}

const pushed = (title: string, order: number) => `---\ntitle: ${title}\npush: weekly\npush_order: ${order}\ncover: c.png\n---\n\n${title}的正文。\n`

/** Two articles of their own (a, b) and a push of two (c, d): three drafts. */
async function site(): Promise<string> {
  const cwd = await createTempDir('phone-preview')
  await writeFiles(path.join(cwd, 'posts'), {
    'c.png': await pictures.png(40, 30),
    'a.md': '---\ntitle: 甲\ncover: c.png\n---\n\n甲的正文。\n',
    'b.md': '---\ntitle: 乙\ncover: c.png\n---\n\n乙的正文。\n',
    'c.md': pushed('丙', 1),
    'd.md': pushed('丁', 2),
  })
  return cwd
}

const readLock = async (cwd: string) => JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData
const writer = { wxname: 'writer_01' } as const
const previewed = (emulator: Emulator) => emulator.state.previews.map((preview) => [preview.mediaId, preview.to])
const previewStatuses = (report: PublishReport) => report.articles.map((article) => [article.key, article.preview?.status])

describe('publish with previewTo: drafts sent to a phone (message/mass/preview)', () => {
  it('sends one preview per new draft (a push is one) with its media_id, records it, and sends none on an unchanged re-run', async () => {
    const emulator = await started()
    const cwd = await site()
    const report = await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    expect(report.errors).toBe(0)
    const lock = await readLock(cwd)
    const { articles, intents } = lock.accounts[DEMO_APP_ID]!
    const mediaOf = (key: string) => articles[key]!.mediaId
    expect(articles['posts/c.md']!.mediaId).toBe(articles['posts/d.md']!.mediaId)
    expect(previewed(emulator).sort()).toEqual([
      [mediaOf('posts/a.md'), writer],
      [mediaOf('posts/b.md'), writer],
      [mediaOf('posts/c.md'), writer],
    ].sort())
    // Every draft is still in the draft box: a preview is not publishing.
    for (const key of ['posts/a.md', 'posts/b.md', 'posts/c.md']) expect(emulator.state.drafts.has(mediaOf(key))).toBe(true)
    expect(emulator.state.publishes.size).toBe(0)
    expect(report.totals).toMatchObject({ created: 4, failed: 0 })
    // The lock records which version went to whom: a hash of the recipient, never the 微信号 itself.
    const recipient = previewRecipientId(writer)
    for (const entry of Object.values(articles)) expect(entry.previews).toEqual({ [recipient]: entry.contentHash })
    expect(JSON.stringify(lock)).not.toContain('writer_01')
    expect(intents).toBeUndefined()
    expect(report.articles.find((article) => article.key === 'posts/a.md')!.preview).toEqual({ to: 'writer_01', status: 'sent', msgId: expect.stringMatching(/^\d+$/) })

    const again = await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    expect(emulator.state.count('message/mass/preview')).toBe(3)
    expect(previewStatuses(again).every(([, status]) => status === 'already-sent')).toBe(true)
  })

  it('an edited article is sent again (its draft only); previewAgain sends every draft again', async () => {
    const emulator = await started()
    const cwd = await site()
    await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    await writeFile(path.join(cwd, 'posts/d.md'), pushed('丁', 2).replace('丁的正文。', '丁的正文，改过了。'))
    const edited = await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    const push = (await readLock(cwd)).accounts[DEMO_APP_ID]!.articles['posts/c.md']!.mediaId
    expect(edited.articles.find((article) => article.key === 'posts/d.md')!.status).toBe('updated')
    expect(previewed(emulator).slice(3)).toEqual([[push, writer]])
    expect(previewStatuses(edited)).toEqual([
      ['posts/a.md', 'already-sent'],
      ['posts/b.md', 'already-sent'],
      ['posts/c.md', 'sent'],
      ['posts/d.md', 'sent'],
    ])

    await publishTo(emulator, cwd, ['posts'], { previewTo: writer, previewAgain: true })
    expect(emulator.state.count('message/mass/preview')).toBe(7)
  })

  it('a new recipient gets only new or changed drafts; an openid is sent as touser', async () => {
    const emulator = await started()
    const cwd = await site()
    await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer })
    const report = await publishTo(emulator, cwd, ['posts'], { previewTo: { openid: DEMO_OPENID } })
    expect(report.errors).toBe(0)
    // a.md is unchanged: not sent to the new recipient (previewAgain would).
    expect(previewed(emulator).map(([, to]) => to)).toEqual([writer, { openid: DEMO_OPENID }, { openid: DEMO_OPENID }])
  })

  it('an unverified account: 48001 with the verification hint on each draft, one call only, the drafts kept; the next run sends what is owed', async () => {
    const emulator = await started({ faults: { unverified: true } })
    const cwd = await site()
    const report = await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    expect(report.totals).toMatchObject({ created: 4, failed: 0 })
    expect(report.errors).toBe(3)
    expect(ruleIds(report).filter((line) => line.endsWith('preview-failed'))).toEqual(['posts/a.md  error  preview-failed', 'posts/b.md  error  preview-failed', 'posts/c.md  error  preview-failed'])
    const failure = report.articles[0]!.messages.find((message) => message.ruleId === 'preview-failed')!
    expect(failure.message).toContain('48001')
    expect(failure.hint).toContain('认证')
    // The first refusal holds back the others: Weixin is asked once.
    expect(emulator.state.count('message/mass/preview')).toBe(1)
    expect(emulator.state.drafts.size).toBe(3)
    const owed = (await readLock(cwd)).accounts[DEMO_APP_ID]!
    expect(Object.keys(owed.intents ?? {}).sort()).toEqual(['preview:posts/a.md', 'preview:posts/b.md', 'preview:push:weekly'])
    expect(Object.values(owed.articles).every((entry) => entry.previews === undefined)).toBe(true)

    emulator.setFaults({})
    const after = await publishTo(emulator, cwd, ['posts'], { previewTo: writer })
    expect(after.errors).toBe(0)
    expect(emulator.state.previews).toHaveLength(3)
    expect((await readLock(cwd)).accounts[DEMO_APP_ID]!.intents).toBeUndefined()
  })

  it("45009 once the day's previews are used up: the rest are reported with the hint and not sent", async () => {
    const emulator = await started({ previewQuota: 1 })
    const cwd = await site()
    const report = await publishTo(emulator, cwd, ['posts'], { previewTo: writer, concurrency: 1 })
    expect(emulator.state.previews).toHaveLength(1)
    expect(report.errors).toBe(2)
    const refused = report.articles.flatMap((article) => article.messages).filter((message) => message.ruleId === 'preview-failed')
    expect(refused).toHaveLength(2)
    for (const message of refused) expect(message.hint).toContain('100 a day')
    expect(emulator.state.count('message/mass/preview', 45009)).toBe(1)
  })

  it('40003 for an unknown 微信号, with a hint about the 微信号', async () => {
    const emulator = await started({ unknownWxnames: ['not_a_follower'] })
    const cwd = await site()
    const report = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: { wxname: 'not_a_follower' } })
    const [article] = report.articles
    expect(article!.status).toBe('created')
    expect(article!.preview).toEqual({ to: 'not_a_follower', status: 'failed' })
    const message = article!.messages.find((one) => one.ruleId === 'preview-failed')!
    expect(message.message).toContain('40003')
    expect(message.hint).toContain('微信号')
    expect(emulator.state.drafts.has(article!.mediaId!)).toBe(true)
    // Still owed: with the 微信号 put right, the next run sends it, though the article is unchanged.
    const fixed = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer })
    expect(fixed.errors).toBe(0)
    expect(previewed(emulator)).toEqual([[article!.mediaId, writer]])
  })

  it('the answer lost after Weixin sent it: a warning, the intent kept; the next run sends it again and the lock ends consistent', async () => {
    const emulator = await started({ faults: { loseAnswerTo: { path: 'message/mass/preview' } } })
    const cwd = await site()
    const report = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer })
    expect(emulator.state.previews).toHaveLength(1)
    expect(report.errors).toBe(0)
    expect(ruleIds(report)).toContain('posts/a.md  warning  preview-answer-lost')
    expect(report.articles[0]!.preview?.status).toBe('unconfirmed')
    // Not sent again by the client: a repeat would reach the phone twice.
    expect(emulator.state.count('message/mass/preview')).toBe(1)
    const lost = (await readLock(cwd)).accounts[DEMO_APP_ID]!
    expect(lost.intents?.['preview:posts/a.md']).toMatchObject({ action: 'preview', mediaId: lost.articles['posts/a.md']!.mediaId, to: previewRecipientId(writer) })
    expect(lost.articles['posts/a.md']!.previews).toBeUndefined()

    const rerun = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer })
    expect(rerun.articles[0]!.status).toBe('unchanged')
    expect(ruleIds(rerun)).toEqual(['posts/a.md  info  preview-resent'])
    expect(emulator.state.previews).toHaveLength(2)
    const settled = (await readLock(cwd)).accounts[DEMO_APP_ID]!
    expect(settled.intents).toBeUndefined()
    expect(settled.articles['posts/a.md']!.previews).toEqual({ [previewRecipientId(writer)]: settled.articles['posts/a.md']!.contentHash })
    // And then nothing more.
    await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer })
    expect(emulator.state.previews).toHaveLength(2)
  })

  it('with submit: the preview goes before the draft leaves the draft box; a dry run sends nothing', async () => {
    const emulator = await started()
    const cwd = await site()
    const dry = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer, dryRun: true })
    expect(dry.articles[0]!.preview).toEqual({ to: 'writer_01', status: 'would-send' })
    expect(emulator.state.calls).toHaveLength(0)

    const report = await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer, submit: true })
    expect(report.errors).toBe(0)
    expect(report.articles[0]!.articleUrl).toBeDefined()
    const preview = emulator.state.calls.findIndex((call) => call.path === '/cgi-bin/message/mass/preview')
    const submit = emulator.state.calls.findIndex((call) => call.path === '/cgi-bin/freepublish/submit')
    expect(preview).toBeGreaterThan(-1)
    expect(preview).toBeLessThan(submit)
    // Published: nothing left to preview on a later run, even when asked again.
    await publishTo(emulator, cwd, ['posts/a.md'], { previewTo: writer, previewAgain: true })
    expect(emulator.state.previews).toHaveLength(1)
  })

  it('checks the options', async () => {
    const cwd = await site()
    await expect(publishTo(await started(), cwd, ['posts'], { previewAgain: true })).rejects.toThrow(/previewAgain/)
    await expect(publishTo(await started(), cwd, ['posts'], { previewTo: { wxname: 'has space' } })).rejects.toThrow(/previewTo\.wxname/)
    // Both at once (a caller without types, or a config file read as is).
    await expect(publishTo(await started(), cwd, ['posts'], { previewTo: { wxname: 'writer_01', openid: DEMO_OPENID } })).rejects.toThrow(/exactly one/)
  })
})
