import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import type { PublishReport } from '@mdwx/publish'
import { renderMarkdown } from '@mdwx/render'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import { repoRoot, runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

/** The shared corpus's es6tutorial chapters (MDWX_CORPUS, else ../shared/corpus), read in place, when on this machine. */
const corpus = path.resolve(process.env['MDWX_CORPUS'] ?? path.join(repoRoot, '..', 'shared', 'corpus'), 'es6tutorial/docs')

/** Long chapters written here: sections of code and prose, three to five articles' worth each. */
function sampleChapter(index: number): string {
  const sections = Array.from({ length: 5 + index }, (_, section) => {
    const paragraphs = Array.from({ length: 9 }, (__, line) => `第 ${index} 章第 ${section + 1} 节第 ${line + 1} 段。${'解释一个概念，举一个例子，'.repeat(14)}`)
    const code = '```js\n' + Array.from({ length: 12 }, (__, line) => `const value${line} = compute(${line}) // 第 ${line} 行`).join('\n') + '\n```'
    return `## 第 ${section + 1} 节\n\n${paragraphs.join('\n\n')}\n\n${code}\n`
  })
  return `# 第 ${index} 章\n\n${sections.join('\n')}`
}

/** The text of every paragraph of some HTML, tags left out: what must survive a split, each in exactly one part. */
function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').replace(/\[\d+\]/g, '').trim()).filter((text) => text !== '')
}

describe('mdwx publish --split: every too-long chapter into Weixin, as pushes of parts', () => {
  let emulator: Emulator
  let folder: string
  let report: PublishReport

  beforeAll(async () => {
    emulator = await startEmulator()
    const project = await createTempDir('split-chapters')
    if (existsSync(corpus)) {
      folder = corpus
    } else {
      folder = path.join(project, 'docs')
      await writeFiles(folder, Object.fromEntries([1, 2, 3].map((index) => [`chapter-${index}.md`, sampleChapter(index)])))
    }
    const run = await runCli(['publish', folder, '--split', '--json', '--quiet'], { cwd: project, env: emulatorEnv(emulator, path.join(project, '.cache')) })
    expect(run.code, run.stderr).toBe(0)
    report = JSON.parse(run.stdout) as PublishReport
  }, 10 * 60_000)

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('every chapter is in the account: one draft each, every part under 20,000 characters, at most 8 parts', () => {
    const chapters = new Set(report.articles.map((article) => article.path))
    expect(emulator.state.drafts.size).toBe(chapters.size)
    for (const draft of emulator.state.drafts.values()) {
      expect(draft.articles.length).toBeLessThanOrEqual(8)
      for (const article of draft.articles) expect(article.content.length).toBeLessThan(20_000)
    }
    expect(report.articles.every((article) => article.status === 'created')).toBe(true)
  })

  it('no text is lost: every paragraph of a chapter rendered whole is in exactly one of its parts', async () => {
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md'))
    for (const name of files) {
      const file = path.join(folder, name)
      const articles = report.articles.filter((article) => article.path === file)
      const drafts = [...emulator.state.drafts.values()].find((draft) => draft.mediaId === articles[0]?.mediaId)
      expect(drafts, name).toBeDefined()
      const whole = paragraphs((await renderMarkdown(await readFile(file, 'utf8'))).html)
      const parts = drafts!.articles.map((article) => paragraphs(article.content))
      for (const text of whole) {
        const found = parts.filter((part) => part.includes(text)).length
        expect(found, `${name}: ${text.slice(0, 40)}`).toBeGreaterThanOrEqual(1)
      }
      if (articles.length > 1) expect(articles.map((article) => article.title)).toEqual(articles.map((article, index) => article.title.replace(/（\d+\/\d+）$/, `（${index + 1}/${articles.length}）`)))
    }
  })
})
