import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
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

/** A chapter of 6 sections of about 6,000 characters of HTML each: three or so articles' worth. */
function longChapter(frontMatter = ''): string {
  const sections = Array.from({ length: 6 }, (_, index) => `## 第 ${index + 1} 节\n\n${Array.from({ length: 20 }, (__, line) => `第 ${index + 1} 节第 ${line + 1} 段：${'这是一段很长的正文，'.repeat(20)}`).join('\n\n')}\n`)
  return `${frontMatter}# 一个很长的章节\n\n![封面](cover.png)\n\n引言。\n\n${sections.join('\n')}`
}

async function project(markdown: string): Promise<string> {
  const cwd = await createTempDir('split')
  await writeFiles(path.join(cwd, 'docs'), { 'cover.png': await pictures.png(40, 30), 'chapter.md': markdown })
  return cwd
}

describe('publish --split: a too-long article as a push of parts', () => {
  it('one draft of parts, each under the limit, titled (n/total), each with the cover; a re-run writes nothing', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const cwd = await project(longChapter())
    const report = await publishTo(emulator, cwd, ['docs'], { split: true })
    const titles = report.articles.map((article) => article.title)
    expect(titles.length).toBeGreaterThan(1)
    expect(titles).toEqual(titles.map((_, index) => `一个很长的章节（${index + 1}/${titles.length}）`))
    expect(statuses(report).map(([, status]) => status)).toEqual(titles.map(() => 'created'))
    const [draft] = emulator.state.drafts.values()
    expect(emulator.state.drafts.size).toBe(1)
    expect(draft!.articles.map((article) => article.title)).toEqual(titles)
    for (const article of draft!.articles) {
      expect([...article.content].length).toBeLessThan(20_000)
      expect(article.thumb_media_id).toBe(draft!.articles[0]!.thumb_media_id)
    }
    expect(draft!.articles[1]!.content).toContain(`本文分 ${titles.length} 篇，这是第 2 篇。`)
    const again = await publishTo(emulator, cwd, ['docs'], { split: true })
    expect(statuses(again).map(([, status]) => status)).toEqual(titles.map(() => 'unchanged'))
    expect(emulator.state.count('draft/add') + emulator.state.count('draft/update')).toBe(1)
  })

  it('front matter `split: auto` splits that article alone', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const cwd = await project(longChapter('---\nsplit: auto\n---\n\n'))
    const report = await publishTo(emulator, cwd, ['docs'])
    expect(report.articles.length).toBeGreaterThan(1)
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('without split the article is refused, and the message says how many parts --split would make', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const cwd = await project(longChapter())
    const report = await publishTo(emulator, cwd, ['docs'])
    expect(statuses(report)).toEqual([['docs/chapter.md', 'failed']])
    expect(ruleIds(report)).toEqual(['docs/chapter.md  error  content-too-long', 'docs/chapter.md  info  split-offer'])
    expect(report.articles[0]!.messages[1]!.message).toMatch(/a push of \d parts/)
    expect(emulator.state.drafts.size).toBe(0)
  })
})
