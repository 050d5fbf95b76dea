import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { check, convert, type MarkdownFile } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256, writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('check and convert', () => {
  let root: string
  let photo: Buffer

  beforeAll(async () => {
    root = await createTempDir('check-convert')
    photo = await pictures.png()
    await writeFiles(path.join(root, 'posts'), {
      'photo.png': photo,
      'a-fine.md': '# 你好, mdwx\n\n正文 with a picture:\n\n![photo](photo.png)\n',
      'b-draft.md': '---\ndraft: true\n---\n\n# Later\n\nNot yet.\n',
      'c-long-title.md': `# ${'A title that goes on and on'.repeat(2)}\n\n![photo](photo.png)\n`,
      'd-missing.md': '# Missing\n\nText.\n\n![gone](gone.png)\n',
      'e-remote.md': '# Remote\n\n![far](https://example.com/far.png)\n',
      'nested/f-deep.md': '# Deep\n\n![photo](../photo.png)\n',
      'g-draft-broken.md': '---\ndraft: true\n---\n\n# Unfinished\n\n![later](later.png)\n',
    })
  })

  afterAll(removeTempDirs)

  it('check: one entry per article with its status, size, images and problems; nothing written', async () => {
    const discovered: MarkdownFile[][] = []
    const seen: string[] = []
    const report = await check(['posts'], { cwd: root, onDiscovered: (files) => discovered.push(files), onArticle: (article) => seen.push(article.relativePath) })
    expect(discovered).toHaveLength(1)
    expect(discovered[0]).toHaveLength(7)
    expect(seen.sort()).toEqual(report.articles.map((article) => article.relativePath).sort())

    const byName = Object.fromEntries(report.articles.map((article) => [article.relativePath, article]))
    const fine = byName['a-fine.md']!
    expect(fine).toMatchObject({ status: 'ok', title: '你好, mdwx', draft: false, images: 1, messages: [] })
    expect(fine.bytes).toBeGreaterThan(fine.characters) // Chinese text: three bytes a character
    expect(byName['b-draft.md']).toMatchObject({ status: 'draft', draft: true, messages: [] })
    // A draft may be unfinished: its problems are listed as they are, but it is not failed.
    expect(byName['g-draft-broken.md']).toMatchObject({
      status: 'draft',
      draft: true,
      messages: [expect.objectContaining({ severity: 'error', ruleId: 'image-unresolved', message: expect.stringContaining('later.png') })],
    })
    expect(byName['c-long-title.md']).toMatchObject({ status: 'ok', messages: [expect.objectContaining({ severity: 'warning', ruleId: 'title-too-long', line: 1 })] })
    expect(byName['d-missing.md']).toMatchObject({
      status: 'failed',
      messages: [expect.objectContaining({ severity: 'error', ruleId: 'image-unresolved', line: 5, column: 1, message: expect.stringContaining('gone.png') })],
    })
    expect(byName['e-remote.md']).toMatchObject({ status: 'ok', images: 1 }) // not fetched: check is offline
    expect(byName[path.join('nested', 'f-deep.md')]).toMatchObject({ status: 'ok', images: 1 })
    expect(report.errors).toBe(2)
    expect(report.warnings).toBe(1)
  })

  it('check: an unknown theme is an error that lists the themes', async () => {
    await expect(check(['posts'], { cwd: root, theme: 'no-such-theme' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', hint: expect.stringContaining('default') })
  })

  it('convert: one HTML file per article, mirroring the folders, images normalised into assets/', async () => {
    const report = await convert(['posts'], { cwd: root, out: 'out' })
    const out = path.join(root, 'out')
    const byName = Object.fromEntries(report.articles.map((article) => [article.relativePath, article]))
    expect(byName['a-fine.md']?.output).toBe(path.join(out, 'a-fine.html'))
    expect(byName[path.join('nested', 'f-deep.md')]?.output).toBe(path.join(out, 'nested', 'f-deep.html'))
    expect(report.articles.map((article) => article.relativePath)).toEqual([...report.articles.map((article) => article.relativePath)].sort())

    const asset = `${sha256(photo)}.png`
    expect((await stat(path.join(out, 'assets', asset))).size).toBeGreaterThan(0)
    expect(await readFile(path.join(out, 'a-fine.html'), 'utf8')).toContain(`src="assets/${asset}"`)
    expect(await readFile(path.join(out, 'nested', 'f-deep.html'), 'utf8')).toContain(`src="../assets/${asset}"`)
    expect(await readFile(path.join(out, 'e-remote.html'), 'utf8')).toContain('src="https://example.com/far.png"')

    // An article that cannot be published is still written, to be looked at, and reported.
    expect(byName['d-missing.md']).toMatchObject({ status: 'failed', output: path.join(out, 'd-missing.html') })
    expect(byName['g-draft-broken.md']).toMatchObject({ status: 'draft', output: path.join(out, 'g-draft-broken.html') })
    expect(report.errors).toBe(2)
  })

  it('convert: two folders with a file of the same name: the first is written, the second is an error, nothing overwritten', async () => {
    await writeFiles(path.join(root, 'drafts'), { 'a-fine.md': '# Another\n\nSame name, other folder.\n' })
    const report = await convert(['posts/a-fine.md', 'drafts'], { cwd: root, out: 'out-twice' })
    const [first, second] = report.articles
    expect(first).toMatchObject({ path: path.join(root, 'posts', 'a-fine.md'), status: 'ok', output: path.join(root, 'out-twice', 'a-fine.html') })
    expect(second).toMatchObject({ path: path.join(root, 'drafts', 'a-fine.md'), status: 'failed' })
    expect(second).not.toHaveProperty('output')
    expect(second!.messages).toContainEqual(expect.objectContaining({ ruleId: 'output-collision', message: expect.stringContaining('posts') }))
    expect(await readFile(path.join(root, 'out-twice', 'a-fine.html'), 'utf8')).toContain('正文')
  })

  it('check and convert find the cover problems publish would (a front matter cover that cannot be read), and say when a cover will be generated', async () => {
    await writeFiles(path.join(root, 'covers'), {
      'photo.png': photo,
      'bare.md': '# Bare\n\nOnly words.\n',
      'gone.md': '---\ncover: nope.jpg\n---\n\n# Gone\n\n![photo](photo.png)\n',
      'fine.md': '---\ncover: photo.png\n---\n\n# Fine\n\nWords.\n',
      'remote.md': '---\ncover: https://example.com/c.jpg\n---\n\n# Remote\n\nWords.\n',
    })
    for (const report of [await check(['covers'], { cwd: root }), await convert(['covers'], { cwd: root, out: 'out-covers' })]) {
      const byName = Object.fromEntries(report.articles.map((article) => [article.relativePath, article]))
      expect(byName['bare.md']?.messages.map((message) => `${message.severity} ${message.ruleId}`)).toEqual(['info cover-generated'])
      expect(byName['bare.md']?.status).toBe('ok')
      expect(byName['gone.md']?.messages.map((message) => message.ruleId)).toEqual(['cover-unresolved'])
      expect(byName['fine.md']?.status).toBe('ok')
      expect(byName['remote.md']?.status).toBe('ok') // offline: publish fetches and checks it
      expect(report.errors).toBe(1)
    }
  })

  it('math: image draws formulas as pictures, which are never the cover; a diagram can be; check measures each picture as publish will', async () => {
    await writeFiles(path.join(root, 'math'), {
      'formulas.md': '# Formulas\n\n$x$ and $y$\n',
      'diagram.md': '# Diagram\n\n$x$\n\n```mermaid\nflowchart LR\n  A --> B\n```\n',
    })
    const report = await check(['math'], { cwd: root, math: 'image' })
    const byName = Object.fromEntries(report.articles.map((article) => [article.relativePath, article]))
    expect(byName['formulas.md']?.images).toBe(2)
    expect(byName['formulas.md']?.messages.map((message) => message.ruleId)).toEqual(['cover-generated'])
    expect(byName['diagram.md']?.status).toBe('ok')
    // The diagram's data: URI is thousands of characters; publish sends one URL instead.
    expect(byName['diagram.md']!.characters).toBeLessThan(1_500)
    await expect(check(['math'], { cwd: root, math: 'png' as never })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining("'svg' or 'image' for math") })
  })

  it('convert: the output folder is required', async () => {
    await expect(convert(['posts'], { cwd: root, out: '' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining('out') })
  })
})
