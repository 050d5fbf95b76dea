import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { ConvertReport } from '@mdwx/publish'
import { runCli } from 'mdwx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('mdwx convert', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('convert-command')
    await writeFiles(cwd, {
      'posts/p.png': await pictures.png(),
      'posts/a.md': '# A\n\n![p](p.png)\n',
      'posts/deep/b.md': '# B\n\nText.\n\n![p](../p.png)\n',
      'broken/c.md': '# C\n\n![gone](gone.png)\n',
    })
  })

  afterAll(removeTempDirs)

  it('writes one HTML file per article under --out, says how many, exit 0', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['convert', 'posts', '--out', 'html'], io)).toBe(0)
    expect(stdout()).toContain('2 HTML files written to html\n')
    expect(stdout()).toMatch(/✔ 2 articles can be published\n$/)
    expect(stderr()).toMatch(/^\[1\/2\] converted .+\n\[2\/2\] converted .+\n$/)
    expect(stderr().replace(/^\[\d\/2\] /gm, '').split('\n').sort()).toEqual(['', 'converted posts/a.md', `converted ${path.join('posts', 'deep', 'b.md')}`])
    expect((await readdir(path.join(cwd, 'html'), { recursive: true })).sort()).toEqual(expect.arrayContaining(['a.html', 'assets', path.join('deep', 'b.html')]))
    expect(await readFile(path.join(cwd, 'html/deep/b.html'), 'utf8')).toMatch(/^<section style="[^"]+">.*Text\./s)
  })

  it('keeps going past an article that cannot be published, and exits 1', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['convert', 'broken', 'posts', '--out', 'html2', '--json'], io)).toBe(1)
    const report = JSON.parse(stdout()) as ConvertReport
    expect(report.articles.map((article) => [article.relativePath, article.status, article.output !== undefined])).toEqual([
      ['c.md', 'failed', true],
      ['a.md', 'ok', true],
      [path.join('deep', 'b.md'), 'ok', true],
    ])
  })

  it.each([
    [['convert', 'posts'], /needs --out <dir>/],
    [['convert', '--out', 'html'], /needs at least one file or folder/],
    [['convert', 'posts', '--out', 'html', '--watch'], /Unknown option '--watch'/],
    [['convert', 'missing', '--out', 'html'], /No such file or folder: missing/],
  ])('misuse %j: exit 2', async (args, said) => {
    const { io, stderr } = captureIo({ cwd })
    expect(await runCli(args, io)).toBe(2)
    expect(stderr()).toMatch(said)
  })

  it('--help: the options, exit 0', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['convert', '-h'], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx convert <path\.\.\.> --out <dir>/)
  })
})
