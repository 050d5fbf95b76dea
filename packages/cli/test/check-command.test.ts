import path from 'node:path'
import type { CheckReport } from '@mdwx/publish'
import { runCli } from 'mdwx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const ansi = /\u001b\[/

describe('mdwx check', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('check-command')
    await writeFiles(cwd, {
      'good/p.png': await pictures.png(),
      'good/a.md': '# A\n\n![p](p.png)\n',
      'good/b.md': `# ${'Long title words '.repeat(3)}\n\nText.\n\n![p](p.png)\n`,
      'bad/c.md': '# C\n\nText.\n\n![gone](gone.png)\n',
      'bad/d.md': '---\nauthor: [1, 2]\n---\n\n# D\n',
      'drafts/e.md': '---\ndraft: true\n---\n\n# E\n\n![later](later.png)\n',
    })
  })

  afterAll(removeTempDirs)

  it('--asset-root (repeatable) and the config\'s assetRoots say where /images/x.png lives', async () => {
    const site = await createTempDir('check-asset-root')
    await writeFiles(site, { 'posts/a.md': '# A\n\n![p](/one/p.png)\n', 'posts/b.md': '# B\n\n![p](/two/p.png)\n', 'pics/one/p.png': await pictures.png(), 'more/two/p.png': await pictures.png(30, 20) })
    const { io, stdout } = captureIo({ cwd: site })
    expect(await runCli(['check', 'posts', '--asset-root', 'pics', '--asset-root=more'], io)).toBe(0)
    expect(stdout()).toMatch(/✔ 2 articles can be published\n$/)
    await writeFiles(site, { 'mdwx.config.json': JSON.stringify({ assetRoots: ['more'] }) })
    const second = captureIo({ cwd: site })
    expect(await runCli(['check', 'posts', '--asset-root', 'pics'], second.io)).toBe(0)
    const third = captureIo({ cwd: site })
    expect(await runCli(['check', 'posts'], third.io)).toBe(1)
    expect(third.stdout()).toMatch(/^posts\/a\.md:3:1  error  .*\/one\/p\.png: a root-relative picture, not found \(looked in .*more\)/m)
  })

  it('all publishable: warnings listed, a green total, exit 0', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['check', 'good'], io)).toBe(0)
    expect(stdout()).toMatch(/^good\/b\.md:1:1  warning  Title is \d+ characters.*  title-too-long$/m)
    expect(stdout()).toMatch(/✔ 2 articles can be published \(1 warning\)\n$/)
    expect(stdout()).not.toMatch(ansi)
    // Not a terminal: one progress line per article on stderr, named as the messages name it.
    expect(stderr()).toMatch(/^\[1\/2\] checked good\/[ab]\.md\n\[2\/2\] checked good\/[ab]\.md\n$/)
  })

  it('an article that cannot be published: `path:line:column  error  message  rule-id`, exit 1', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['check', 'bad', 'good/a.md'], io)).toBe(1)
    const lines = stdout().split('\n')
    expect(lines).toContain('bad/c.md:5:1  error  Image "gone.png" could not be resolved: gone.png: ' + `${path.join(cwd, 'bad/gone.png')} does not exist. Check the spelling and the folder: relative paths start from the Markdown file’s folder.  image-unresolved`)
    expect(lines.some((line) => /^bad\/d\.md:2:1  error  Front matter key `author` .*  frontmatter-type$/.test(line))).toBe(true)
    expect(stdout()).toMatch(/✖ 2 of 3 articles cannot be published \(2 errors, 0 warnings\)\n$/)
  })

  it('a draft with errors: its problems are listed, but it is not failed (publish skips it), exit 0', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['check', 'drafts', 'good/a.md'], io)).toBe(0)
    expect(stdout()).toMatch(/^drafts\/e\.md:7:1  error  Image "later\.png" could not be resolved: .*  image-unresolved$/m)
    // The total says the draft was left out, and that it has an error.
    expect(stdout()).toMatch(/✔ 1 article can be published \(1 draft skipped by publish, with 1 error\)\n$/)
    const json = captureIo({ cwd })
    expect(await runCli(['check', 'drafts', '--json'], json.io)).toBe(0)
    const report = JSON.parse(json.stdout()) as CheckReport
    expect(report.articles.map((article) => [article.relativePath, article.status, article.draft])).toEqual([['e.md', 'draft', true]])
    expect(report.errors).toBe(1)
  })

  it('--json: the report on stdout, nothing on stderr', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['check', 'bad', '--json'], io)).toBe(1)
    const report = JSON.parse(stdout()) as CheckReport
    expect(report.articles.map((article) => [article.relativePath, article.status])).toEqual([
      ['c.md', 'failed'],
      ['d.md', 'failed'],
    ])
    expect(report.errors).toBe(2)
    expect(stderr()).toBe('')
  })

  it('colour only when asked for (a terminal without NO_COLOR)', async () => {
    const coloured = captureIo({ cwd, colour: true })
    expect(await runCli(['check', 'bad'], coloured.io)).toBe(1)
    expect(coloured.stdout()).toContain('\u001b[31merror\u001b[39m')
    const plain = captureIo({ cwd, colour: false })
    await runCli(['check', 'bad'], plain.io)
    expect(plain.stdout()).not.toMatch(ansi)
  })

  it('on a terminal: a progress bar redrawn in place, cleared at the end', async () => {
    const { io, stderr } = captureIo({ cwd, interactive: true })
    await runCli(['check', 'good'], io)
    expect(stderr()).toContain('\r\u001b[2K[')
    expect(stderr()).toMatch(/2\/2 good\/[ab]\.md/)
    expect(stderr().endsWith('\r\u001b[2K')).toBe(true)
    expect(stderr()).not.toContain('\n')
  })

  it('--quiet: no progress', async () => {
    const { io, stderr } = captureIo({ cwd })
    expect(await runCli(['check', 'good', '--quiet'], io)).toBe(0)
    expect(stderr()).toBe('')
  })

  it('--math: an article formulas took over the limit fails with svg, passes with image and with auto (the default), which says which became pictures', async () => {
    const formulas = Array.from({ length: 30 }, (_, i) => `$$\n\\sum_{k=1}^{${i + 2}} \\frac{k^2}{k+1}\n$$`).join('\n\n')
    await writeFiles(cwd, { 'math/p.png': await pictures.png(), 'math/f.md': `# F\n\n![p](p.png)\n\n${formulas}\n` })
    const svg = captureIo({ cwd })
    expect(await runCli(['check', 'math', '--math=svg'], svg.io)).toBe(1)
    expect(svg.stdout()).toMatch(/render the 30 formulas as pictures \(mdwx --math=image/)
    const image = captureIo({ cwd })
    expect(await runCli(['check', 'math', '--math=image'], image.io)).toBe(0)
    expect(image.stdout()).toMatch(/✔ 1 article can be published/)
    for (const flags of [[], ['--math=auto']]) {
      const auto = captureIo({ cwd })
      expect(await runCli(['check', 'math', ...flags], auto.io), flags.join(' ')).toBe(0)
      expect(auto.stdout()).toMatch(/f\.md:\d+:1\s+info\s+\d+ formulas are drawn as pictures, not SVG \(lines [\d, and]+\)/)
      expect(auto.stdout()).toMatch(/✔ 1 article can be published/)
    }
  })

  it('--help: the options, exit 0', async () => {
    const { io, stdout } = captureIo({ cwd })
    expect(await runCli(['check', '--help'], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx check <path\.\.\.>/)
    for (const flag of ['--theme', '--math', '--json', '--quiet']) expect(stdout()).toContain(flag)
  })

  it.each([
    [['check', 'good', '--strict'], /Unknown option '--strict'/],
    [['check'], /needs at least one file or folder/],
    [['check', 'nowhere'], /No such file or folder: nowhere/],
    [['check', 'good', '--theme'], /--theme/],
    [['check', 'good', '--theme', 'neon'], /Unknown theme "neon"/],
    [['check', 'good', '--theme', 'missing.css'], /Cannot read the theme file missing\.css/],
    [['check', 'good', '--math=png'], /--math expects auto, svg or image, got "png"/],
  ])('misuse %j: exit 2, said on stderr without a stack trace', async (args, said) => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(args, io)).toBe(2)
    expect(stderr()).toMatch(/^mdwx: /)
    expect(stderr()).toMatch(said)
    expect(stderr()).not.toMatch(/\n\s+at /)
    expect(stdout()).toBe('')
  })
})
