import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type MdwxBrowser, openBrowser } from '@mdwx/browser'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { renderMarkdown } from '@mdwx/render'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callsTo, draftArticles, emulatorEnv, timesUploaded, uploadPaths } from './support/emulator.js'
import { sha256 } from './support/fixtures.js'
import { flowchart, formulaCount, mathArticle, sequence } from './support/math-article.js'
import { runCli } from './support/run-cli.js'
import { sharp } from './support/sharp.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

function svgBytes(src: string): Buffer {
  return Buffer.from(/^data:image\/svg\+xml;base64,(.*)$/.exec(src)![1]!, 'base64')
}

describe('mdwx publish: an article with 30 formulas and 3 diagrams', () => {
  let emulator: Emulator
  let project: string
  let env: Record<string, string>
  let browser: MdwxBrowser | undefined
  const cli = (...args: string[]) => runCli(args, { cwd: project, env })

  beforeAll(async () => {
    emulator = await startEmulator()
    project = await createTempDir('math')
    await mkdir(path.join(project, 'posts'))
    await writeFile(path.join(project, 'posts/formulas.md'), mathArticle())
    // The same article under another title, published with the default math: 'auto'.
    await mkdir(path.join(project, 'auto'))
    await writeFile(path.join(project, 'auto/formulas.md'), mathArticle().replace('title: 公式与图表', 'title: 公式自动'))
    // A short one: its formulas stay text and inline SVG, which Weixin keeps.
    await mkdir(path.join(project, 'short'))
    await writeFile(path.join(project, 'short/inline.md'), `# 短文\n\n质能方程 $E=mc^2$ 与\n\n$$\n\\frac{1}{2}\n$$\n\n\`\`\`mermaid\n${flowchart}\n\`\`\`\n`)
    env = emulatorEnv(emulator, path.join(project, '.cache-home'))
  })

  afterAll(async () => {
    await browser?.close()
    await emulator.close()
    await removeTempDirs()
  })

  it('check --math=svg: as inline SVG the formulas take it over the limit; the report names them and offers --math=image', async () => {
    const run = await cli('check', 'posts', 'short', '--math=svg')
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.stdout).not.toContain('short/inline.md')
    expect(run.stdout).toMatch(/posts\/formulas\.md\s+error\s+The article's HTML is [\d,]+ characters/)
    expect(run.stdout).toContain('heaviest formulas and diagrams: formula `\\begin{aligned}')
    // 22 of the 30 formulas are text even with --math=svg: the 8 others are the ones offered.
    expect(run.stdout).toMatch(/render the 8 formulas as pictures \(mdwx --math=image/)
  })

  it('check (math auto, the default): the heaviest formula becomes a picture and the article fits; an info line names it', async () => {
    const run = await cli('check', 'posts', 'short')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/posts\/formulas\.md:\d+:1\s+info\s+1 formula is drawn as a picture, not SVG \(line \d+\)/)
    expect(run.stdout).not.toContain('short/inline.md')
  })

  it('publish --math=image: under the limit, every formula and diagram a picture, each uploaded once', async () => {
    const run = await cli('publish', 'posts', '--math=image')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const article = draftArticles(emulator).find((draft) => draft.title === '公式与图表')!
    expect([...article.content].length).toBeLessThan(20_000)
    expect(article.content).not.toContain('<svg')
    expect(article.content).toContain('价格在 $5 到 $10 之间')

    // The pictures mdwx drew, by the hash of their SVG source (what uploads are named after).
    const { images } = await renderMarkdown(mathArticle(), { math: 'image' })
    const drawn = images.map((image) => ({ alt: image.alt, hash: sha256(svgBytes(image.src)) }))
    expect(drawn).toHaveLength(formulaCount + 3)
    const diagrams = drawn.filter((image) => image.alt.startsWith('flowchart') || image.alt.startsWith('sequenceDiagram'))
    expect(diagrams.map((image) => image.alt)).toEqual([flowchart, sequence, flowchart].map((source) => source.replace(/\s+/g, ' ')))
    // The repeated flowchart is the same picture.
    expect(diagrams[0]!.hash).toBe(diagrams[2]!.hash)
    for (const { alt, hash } of drawn) expect(timesUploaded(emulator, hash), alt).toBe(1)
    // Each upload is a PNG the content points to: 30 formulas and 2 distinct diagrams.
    expect(emulator.state.images).toHaveLength(formulaCount + 2)
    for (const image of emulator.state.images) expect(image.filename).toMatch(/\.png$/)
    expect(article.content.match(/<img /g)).toHaveLength(formulaCount + 3)
    // The cover is the first diagram, not the first formula (a line-high picture).
    expect(emulator.state.materials.get(article.thumb_media_id)?.filename).toMatch(new RegExp(`^cover-${diagrams[0]!.hash.slice(0, 16)}\\.`))
  })

  it('keeps a short article’s formulas as text and inline SVG in currentColor, accepted by Weixin; its diagram is the picture already uploaded', async () => {
    const uploads = emulator.state.images.length
    const run = await cli('publish', 'short')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(emulator.state.images).toHaveLength(uploads)
    const article = draftArticles(emulator).find((draft) => draft.title === '短文')!
    // E=mc^2 is text; the fraction is SVG.
    expect(article.content).toContain('<span><i>E</i>\u202f=\u2009<i>mc</i><sup>2</sup></span>')
    expect(article.content.match(/<svg /g)).toHaveLength(1)
    expect(article.content).toContain('fill="currentColor"')
    expect(article.content).toMatch(/aria-label="\\frac\{1\}\{2\}"/)
  })

  it('publish with math auto: under the limit, 22 formulas text, 7 SVG, the aligned block the picture --math=image uploaded already', async () => {
    const uploads = emulator.state.images.length
    const run = await cli('publish', 'auto')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(emulator.state.images).toHaveLength(uploads)
    const article = draftArticles(emulator).find((draft) => draft.title === '公式自动')!
    expect([...article.content].length).toBeLessThan(20_000)
    expect(article.content.match(/<svg /g)).toHaveLength(7)
    expect(article.content.match(/<img /g)).toHaveLength(1 + 3)
    expect(article.content).toMatch(/<img [^>]*alt="\\begin\{aligned\}/)
  })

  it('a second run uploads nothing again: the pictures are in the lock file by content hash', async () => {
    const uploads = callsTo(emulator, uploadPaths)
    const run = await cli('publish', 'posts', '--math=image')
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(callsTo(emulator, uploadPaths)).toBe(uploads)
  })

  it('the draft pages in Chromium show every formula and diagram: each box holds ink, not an empty frame', async () => {
    browser = await openBrowser()
    const page = await browser.playwright.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    try {
      for (const [title, selector, count] of [
        ['公式与图表', '#article-content img', formulaCount + 3],
        ['短文', '#article-content svg[aria-label], #article-content img', 2],
        ['公式自动', '#article-content svg[aria-label], #article-content img', 7 + 1 + 3],
      ] as const) {
        const draft = draftArticles(emulator).find((article) => article.title === title)!
        await page.goto(`${emulator.url}/draft/${draft.mediaId}?idx=0`)
        await page.waitForLoadState('load')
        const shown = page.locator(selector)
        expect(await shown.count(), title).toBe(count)
        for (let index = 0; index < count; index++) {
          const element = shown.nth(index)
          const label = `${title} #${index}: ${(await element.getAttribute('alt')) ?? (await element.getAttribute('aria-label'))}`
          await element.scrollIntoViewIfNeeded()
          const box = (await element.boundingBox())!
          expect(box.width, label).toBeGreaterThan(4)
          expect(box.height, label).toBeGreaterThan(4)
          // Dark glyphs or lines on the white page: the darkest pixel of the element's screenshot.
          const { channels } = await sharp(await element.screenshot()).stats()
          expect(Math.min(...channels.slice(0, 3).map((channel) => channel.min)), label).toBeLessThan(128)
        }
      }
      await page.screenshot({ fullPage: true, path: path.join(project, 'formulas-draft-page.png') })
    } finally {
      await page.close()
    }
  })
})
