import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { runCli } from 'mdwx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { sharp } from '../../../test/support/sharp.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

interface ScreenshotJson {
  articles: Array<{ relativePath: string; status: string; output?: string; images: number; messages: Array<{ ruleId?: string }> }>
  errors: number
}

/** Mean brightness of a PNG, 0 black to 255 white. */
async function brightness(file: string): Promise<number> {
  return (await sharp(await readFile(file)).greyscale().stats()).channels[0]!.mean
}

describe('mdwx screenshot', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('screenshot-command')
    await writeFiles(cwd, {
      'posts/p.png': await pictures.png(300, 200),
      'posts/a.md': '---\ntitle: 第一篇\nauthor: 作者\n---\n\n消息队列解耦、异步、削峰。\n\n![p](p.png)\n',
      'posts/deep/b.md': '# 第二篇\n\n正文。\n\n![p](../p.png)\n',
      'broken/c.md': '# C\n\n![gone](gone.png)\n',
      'math/p.png': await pictures.png(300, 200),
      'math/f.md': '# 公式\n\n$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n\n![p](p.png)\n',
      'twin/first/same.md': '# 一\n\n![p](p.png)\n',
      'twin/first/p.png': await pictures.png(300, 200),
      'twin/second/same.md': '# 二\n\n![p](p.png)\n',
      'twin/second/p.png': await pictures.png(300, 200),
    })
  })

  afterAll(removeTempDirs)

  it('writes one PNG per article under --out, 780 px wide, with progress per article; exit 0', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['screenshot', 'posts', '--out', 'shots'], io)).toBe(0)
    expect(stdout()).toContain('2 PNG files written to shots\n')
    expect(stderr().replace(/^\[\d\/2\] /gm, '').split('\n').sort()).toEqual(['', 'screenshot posts/a.md', `screenshot ${path.join('posts', 'deep', 'b.md')}`])
    expect((await readdir(path.join(cwd, 'shots'), { recursive: true })).sort()).toEqual(['a.png', 'deep', path.join('deep', 'b.png')])
    const { width, format } = await sharp(await readFile(path.join(cwd, 'shots/a.png'))).metadata()
    expect([format, width]).toEqual(['png', 780])
    expect(await brightness(path.join(cwd, 'shots/a.png'))).toBeGreaterThan(150)
  })

  it('--dark --json: dark PNGs named .dark.png, listed in the report', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['screenshot', 'posts/a.md', '--out', 'dark', '--dark', '--json'], io)).toBe(0)
    expect(stderr()).toBe('')
    const report = JSON.parse(stdout()) as ScreenshotJson
    expect(report.articles.map((article) => [article.relativePath, article.status, article.output])).toEqual([['a.md', 'ok', path.join(cwd, 'dark', 'a.dark.png')]])
    expect(await brightness(report.articles[0]!.output!)).toBeLessThan(90)
  })

  it('--math=image photographs the formulas as the pictures publish would upload; another value is misuse', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['screenshot', 'math', '--out', 'math-shots', '--math=image', '--json'], io)).toBe(0)
    const report = JSON.parse(stdout()) as ScreenshotJson
    // The formula is a picture now, beside the article's own.
    expect(report.articles.map((article) => [article.status, article.images])).toEqual([['ok', 2]])
    const { width } = await sharp(await readFile(report.articles[0]!.output!)).metadata()
    expect(width).toBe(780)
    const misuse = captureIo({ cwd })
    expect(await runCli(['screenshot', 'math', '--math=png'], misuse.io)).toBe(2)
    expect(misuse.stderr()).toContain('--math')
  })

  it('two files that map to one PNG: the first found keeps it, whichever renders first; the other fails', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['screenshot', 'twin/first', 'twin/second', '--out', 'twin-shots', '--json'], io)).toBe(1)
    const report = JSON.parse(stdout()) as ScreenshotJson
    expect(report.articles.map((article) => [article.relativePath, article.status, article.messages.map((message) => message.ruleId)])).toEqual([
      ['same.md', 'ok', []],
      ['same.md', 'failed', ['output-collision']],
    ])
    expect(report.articles[0]!.output).toBe(path.join(cwd, 'twin-shots', 'same.png'))
  })

  it('an article that cannot be published: its problems, still a picture of what renders, the others done; exit 1', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['screenshot', 'broken', 'posts', '--out', 'mixed', '--json'], io)).toBe(1)
    const report = JSON.parse(stdout()) as ScreenshotJson
    expect(report.articles.map((article) => [article.relativePath, article.status, article.output !== undefined])).toEqual([
      ['c.md', 'failed', true],
      ['a.md', 'ok', true],
      [path.join('deep', 'b.md'), 'ok', true],
    ])
    expect(report.errors).toBeGreaterThan(0)
  })

  it('no Chromium can start: what was tried and what to install, exit 1', async () => {
    const { io, stderr } = captureIo({ cwd, env: { MDWX_CHROMIUM: '/nonexistent/chromium' } })
    expect(await runCli(['screenshot', 'posts', '--out', 'none'], io)).toBe(1)
    expect(stderr()).toMatch(/^mdwx: No Chromium could be started: tried \/nonexistent\/chromium/m)
    expect(stderr()).toContain('MDWX_CHROMIUM')
  })

  it.each([
    [['screenshot'], /needs at least one file or folder/],
    [['screenshot', 'posts', '--width', '400'], /Unknown option '--width'/],
    [['screenshot', 'missing', '--out', 'x'], /No such file or folder: missing/],
  ])('misuse %j: exit 2', async (args, said) => {
    const { io, stderr } = captureIo({ cwd })
    expect(await runCli(args, io)).toBe(2)
    expect(stderr()).toMatch(said)
  })

  it('--help: the options, exit 0', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['screenshot', '--help'], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx screenshot <path\.\.\.>/)
  })
})
