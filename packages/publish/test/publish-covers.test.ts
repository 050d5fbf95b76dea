import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { check } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, uploadPaths } from '../../../test/support/emulator.js'
import { sha256, writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { sharp } from '../../../test/support/sharp.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

async function setUp(files: Record<string, string | Buffer>): Promise<{ emulator: Emulator; cwd: string }> {
  const emulator = await startEmulator()
  closers.push(() => emulator.close())
  const cwd = await createTempDir('covers')
  await writeFiles(cwd, files)
  return { emulator, cwd }
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

/** Near-white pixels (the title's ink: the background is too deep a colour to be near white) per column. */
async function inkColumns(bytes: Uint8Array): Promise<{ columns: number[]; width: number; height: number }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const columns = new Array<number>(info.width).fill(0)
  for (let at = 0; at < data.length; at += info.channels) {
    if (data[at]! > 200 && data[at + 1]! > 200 && data[at + 2]! > 200) columns[(at / info.channels) % info.width]!++
  }
  return { columns, width: info.width, height: info.height }
}

/** A crop Weixin accepts, read back from what the emulator stored: four numbers in [0, 1], at most six decimals. */
function expectCrop(crop: string): number[] {
  const parts = crop.split('_')
  expect(parts).toHaveLength(4)
  for (const part of parts) expect(part).toMatch(/^[01](\.\d{1,6})?$/)
  const numbers = parts.map(Number)
  for (const value of numbers) expect(value).toBeGreaterThanOrEqual(0)
  for (const value of numbers) expect(value).toBeLessThanOrEqual(1)
  expect(numbers[0]!).toBeLessThan(numbers[2]!)
  expect(numbers[1]!).toBeLessThan(numbers[3]!)
  return numbers
}

function coverOf(emulator: Emulator, title: string) {
  const article = draftArticles(emulator).find((one) => one.title === title)!
  return { article, material: emulator.state.materials.get(article.thumb_media_id)! }
}

describe('publish: generated covers, the default cover, crops', () => {
  it('a text-only post gets a generated cover, its title inside the 1:1 centre; the crops are sent; a re-run uploads and creates nothing', async () => {
    const { emulator, cwd } = await setUp({ 'posts/words.md': '---\nauthor: 李雷\n---\n\n# 只有文字的一篇文章\n\n没有图片。\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/words.md', 'created']])
    expect(ruleIds(report)).toEqual([])
    const { article, material } = coverOf(emulator, '只有文字的一篇文章')
    expect(material.type).toBe('image')
    const ink = await inkColumns(material.bytes)
    expect([ink.width, ink.height]).toEqual([900, 383])
    const left = (900 - 383) / 2
    const outside = ink.columns.filter((_, x) => x < left || x >= left + 383)
    const inside = ink.columns.filter((_, x) => x >= left && x < left + 383)
    expect(outside.every((count) => count === 0)).toBe(true)
    expect(inside.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(1000)
    expect(article.pic_crop_235_1).toBe('0_0_1_1')
    expect(article.pic_crop_1_1).toBe('0.287222_0_0.712778_1')
    expectCrop(article.pic_crop_1_1)
    // The lock file records the cover and its crops with the other covers.
    const lock = JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8'))
    const account = Object.values(lock.accounts)[0] as { covers: Record<string, { crops: unknown }>; articles: Record<string, { cover: string }> }
    expect(Object.values(account.covers)).toEqual([expect.objectContaining({ crops: { picCrop235_1: '0_0_1_1', picCrop1_1: '0.287222_0_0.712778_1' } })])
    expect(account.articles['posts/words.md']!.cover).toMatch(/^mdwx:generated:[0-9a-f]{64}$/)

    const calls = { uploads: callsTo(emulator, uploadPaths), articles: callsTo(emulator, articlePaths) }
    const again = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(again)).toEqual([['posts/words.md', 'unchanged']])
    expect({ uploads: callsTo(emulator, uploadPaths), articles: callsTo(emulator, articlePaths) }).toEqual(calls)
  })

  it('an edited text-only post is updated with the same cover and crops, uploading nothing', async () => {
    const { emulator, cwd } = await setUp({ 'posts/a.md': '# 标题不变\n\n第一版。\n' })
    await publishTo(emulator, cwd, ['posts'])
    const uploads = callsTo(emulator, uploadPaths)
    await writeFiles(cwd, { 'posts/a.md': '# 标题不变\n\n第二版。\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/a.md', 'updated']])
    expect(callsTo(emulator, uploadPaths)).toBe(uploads)
    expect(coverOf(emulator, '标题不变').article.pic_crop_1_1).toBe('0.287222_0_0.712778_1')
  })

  it('`cover: generate` generates a cover even when the article has pictures', async () => {
    const photo = await pictures.png(200, 120)
    const { emulator, cwd } = await setUp({ 'posts/photo.png': photo, 'posts/a.md': '---\ncover: generate\n---\n\n# Generated anyway\n\n![photo](photo.png)\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/a.md', 'created']])
    const { material } = coverOf(emulator, 'Generated anyway')
    expect(material.filename.startsWith(`cover-${sha256(photo).slice(0, 16)}`)).toBe(false)
    expect((await sharp(material.bytes).metadata()).width).toBe(900)
  })

  it('defaultCover wins over a generated cover, not over a picture; its crops are chosen on the picture', async () => {
    const fallback = await pictures.jpeg(800, 600)
    const photo = await pictures.png(200, 120)
    const { emulator, cwd } = await setUp({
      'images/default.jpg': fallback,
      'posts/photo.png': photo,
      'posts/words.md': '# Words only\n\nNothing to look at.\n',
      'posts/pictured.md': '# Pictured\n\n![photo](photo.png)\n',
      'posts/forced.md': '---\ncover: generate\n---\n\n# Forced\n\nWords.\n',
    })
    const report = await publishTo(emulator, cwd, ['posts'], { defaultCover: 'images/default.jpg' })
    expect(report.totals.created).toBe(3)
    expect(coverOf(emulator, 'Words only').material.filename).toMatch(new RegExp(`^cover-${sha256(fallback).slice(0, 16)}\\.`))
    expect(coverOf(emulator, 'Pictured').material.filename).toMatch(new RegExp(`^cover-${sha256(photo).slice(0, 16)}\\.`))
    expect((await sharp(coverOf(emulator, 'Forced').material.bytes).metadata()).width).toBe(900)
    // 800×600 is 4:3: the feed's 2.35:1 is a band of the full width, the share card's square a part of the height's width.
    const { article } = coverOf(emulator, 'Words only')
    const [wx1, wy1, wx2, wy2] = expectCrop(article.pic_crop_235_1)
    expect([wx1, wx2]).toEqual([0, 1])
    expect(wy2! - wy1!).toBeCloseTo(800 / 2.35 / 600, 2)
    const [sx1, sy1, sx2, sy2] = expectCrop(article.pic_crop_1_1)
    expect([sy1, sy2]).toEqual([0, 1])
    expect(sx2! - sx1!).toBeCloseTo(600 / 800, 2)
    expectCrop(coverOf(emulator, 'Pictured').article.pic_crop_1_1)

    // Unchanged: nothing again. Without the default cover, the words-only post gets a generated one.
    const uploads = callsTo(emulator, uploadPaths)
    expect(statuses(await publishTo(emulator, cwd, ['posts'], { defaultCover: 'images/default.jpg' })).map(([, status]) => status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(callsTo(emulator, uploadPaths)).toBe(uploads)
    const without = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(without)).toEqual([
      ['posts/forced.md', 'unchanged'],
      ['posts/pictured.md', 'unchanged'],
      ['posts/words.md', 'updated'],
    ])
    expect((await sharp(coverOf(emulator, 'Words only').material.bytes).metadata()).width).toBe(900)
  })

  it('a title character the font lacks (an emoji) is left out of the generated cover, with a warning', async () => {
    const { emulator, cwd } = await setUp({ 'posts/a.md': '# 发布啦 🎉\n\nWords.\n' })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/a.md', 'created']])
    expect(ruleIds(report)).toEqual(['posts/a.md  warning  cover-glyph-missing'])
    expect(report.articles[0]!.messages[0]!.message).toContain('🎉')
  })

  it('a defaultCover that does not exist is an error naming it, before anything is sent', async () => {
    const { emulator, cwd } = await setUp({ 'posts/a.md': '# A\n\nWords.\n' })
    await expect(publishTo(emulator, cwd, ['posts'], { defaultCover: 'images/nope.png' })).rejects.toMatchObject({ code: 'MDWX_COVER_NOT_FOUND', message: expect.stringContaining('images/nope.png') })
    expect(emulator.state.calls).toEqual([])
  })

  it('front matter crops are sent as written; a malformed one is an error naming the file and the key', async () => {
    const photo = await pictures.png(300, 200)
    const { emulator, cwd } = await setUp({
      'posts/photo.png': photo,
      'posts/a.md': '---\npic_crop_235_1: 0_0.1_1_0.525\npic_crop_1_1: "0.1_0_0.766667_1"\n---\n\n# Cropped\n\n![photo](photo.png)\n',
    })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(statuses(report)).toEqual([['posts/a.md', 'created']])
    const { article } = coverOf(emulator, 'Cropped')
    expect([article.pic_crop_235_1, article.pic_crop_1_1]).toEqual(['0_0.1_1_0.525', '0.1_0_0.766667_1'])

    await writeFiles(cwd, { 'bad/b.md': '---\npic_crop_1_1: 0.5_0_0.2_1\n---\n\n# Bad\n\nWords.\n' })
    const bad = await publishTo(emulator, cwd, ['bad'])
    expect(ruleIds(bad)).toEqual(['bad/b.md  error  frontmatter-type'])
    expect(bad.articles[0]!.messages[0]).toMatchObject({ line: 2, message: expect.stringContaining('pic_crop_1_1') })
  })

  it('check announces a generated cover instead of an error, and checks a default cover', async () => {
    const { cwd } = await setUp({ 'posts/a.md': '# A\n\nWords.\n', 'images/broken.png': Buffer.from('not a picture') })
    const report = await check(['posts'], { cwd })
    expect(report.articles[0]).toMatchObject({ status: 'ok', messages: [expect.objectContaining({ severity: 'info', ruleId: 'cover-generated' })] })
    const broken = await check(['posts'], { cwd, defaultCover: 'images/broken.png' })
    expect(broken.articles[0]).toMatchObject({ status: 'failed', messages: [expect.objectContaining({ ruleId: 'cover-unresolved' })] })
  })
})
