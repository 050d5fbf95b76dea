import path from 'node:path'
import { type MdwxBrowser, openBrowser } from '@mdwx/browser'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { codeLines, writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { sharp } from './support/sharp.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

/** Screenshots go to a temporary folder, or to MDWX_SCREENSHOTS to be looked at. */
const screenshotDir = process.env['MDWX_SCREENSHOTS']

interface ShownImage {
  src: string
  complete: boolean
  naturalWidth: number
  naturalHeight: number
}

interface CodeLayout {
  /** The text of each line as the page shows it (`innerText`: NBSP kept). */
  lines: string[]
  /** Per visual line (by top), the left edge of its first visible character. */
  firstCharacterLefts: number[]
}

describe('the emulator draft page in headless Chromium', () => {
  let emulator: Emulator
  let project: string
  let browser: MdwxBrowser

  beforeAll(async () => {
    emulator = await startEmulator()
    project = await createTempDir('draft-page')
    await writeFiles(path.join(project, 'posts'), {
      'cover.jpg': await pictures.jpeg(320, 180),
      'photo.png': await pictures.png(300, 200),
      'camera.jpg': await pictures.exifJpeg(),
      'moving.gif': await pictures.animatedGif(),
      'article.md': [
        '---',
        'title: Pictures and code',
        'author: mdwx',
        'cover: cover.jpg',
        'show_cover: true',
        '---',
        '',
        'A picture:',
        '',
        '![photo](photo.png)',
        '',
        'Code, indented four spaces:',
        '',
        ...codeLines.map((line) => `    ${line}`),
        '',
        '![camera](camera.jpg) and ![moving](moving.gif)',
        '',
      ].join('\n'),
    })
    const run = await runCli(['publish', 'posts'], { cwd: project, env: emulatorEnv(emulator, path.join(project, '.cache')) })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    // The system's Chromium when there is one, else the one @sparticuz/chromium installs.
    browser = await openBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await emulator.close()
    await removeTempDirs()
  })

  it('lists the draft, opens it, and shows every picture and the code layout as written', async () => {
    const page = await browser.playwright.newPage({ viewport: { width: 420, height: 900 } })
    await page.goto(`${emulator.url}/`)
    expect(await page.textContent('#draft-count')).toBe('1')
    const [draftId] = [...emulator.state.drafts.keys()]
    expect(await page.getAttribute('.draft-item', 'data-media-id')).toBe(draftId)
    await Promise.all([page.waitForURL(`**/draft/${draftId}?idx=0`), page.click('.draft-link')])
    await page.waitForLoadState('load')
    expect(await page.textContent('#article-title')).toBe('Pictures and code')

    // Every picture loaded, at the size that was uploaded (a broken or placeholder image is not).
    const shown: ShownImage[] = await page.$$eval('#article-page img', (images) =>
      (images as HTMLImageElement[]).map((image) => ({ src: image.src, complete: image.complete, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight })),
    )
    expect(shown).toHaveLength(4) // the cover and three pictures
    const uploaded = new Map<string, { width: number; height: number }>()
    for (const image of emulator.state.images) uploaded.set(image.url, image)
    for (const material of emulator.state.materials.values()) {
      const { width = 0, height = 0 } = await sharp(material.bytes).metadata()
      uploaded.set(material.url!, { width, height })
    }
    for (const image of shown) {
      expect(image.complete, image.src).toBe(true)
      expect(image.naturalWidth, image.src).toBeGreaterThan(0)
      expect([image.naturalWidth, image.naturalHeight], image.src).toEqual([uploaded.get(image.src)?.width, uploaded.get(image.src)?.height])
    }

    // The code block: one line per line written, each starting with the spaces it was written with.
    const layout = (await page.$eval('#article-content pre', (pre) => {
      const lefts = new Map<number, number>()
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (let i = 0; i < text.length; i++) {
          if (/[\s\u00a0]/.test(text[i]!)) continue
          const range = document.createRange()
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const box = range.getBoundingClientRect()
          const top = Math.round(box.top)
          if (!lefts.has(top)) lefts.set(top, box.left)
        }
      }
      const byTop = [...lefts.entries()].sort((a, b) => a[0] - b[0]).map(([, left]) => left)
      return { lines: (pre as HTMLElement).innerText.split('\n'), firstCharacterLefts: byTop }
    })) as CodeLayout
    const indent = (line: string) => /^[ \u00a0]*/.exec(line)![0].length
    expect(layout.lines.map(indent)).toEqual(codeLines.map(indent))
    expect(layout.lines.map((line) => line.replaceAll('\u00a0', ' '))).toEqual([...codeLines])
    expect(layout.firstCharacterLefts).toHaveLength(codeLines.length)
    // On screen: lines indented alike start at the same x, deeper ones further right.
    const [at0, at2, at4, at2Again, at0Again] = layout.firstCharacterLefts as [number, number, number, number, number]
    expect(at2).toBeGreaterThan(at0)
    expect(at4).toBeGreaterThan(at2)
    expect(at2Again).toBeCloseTo(at2, 0)
    expect(at0Again).toBeCloseTo(at0, 0)

    const screenshot = await page.screenshot({ fullPage: true, path: path.join(screenshotDir ?? project, 'draft-page.png') })
    expect(screenshot.subarray(1, 4).toString()).toBe('PNG')
    await page.close()
  })
})
