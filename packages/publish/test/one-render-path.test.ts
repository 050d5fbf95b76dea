import path from 'node:path'
import { startEmulator } from '@mdwx/emulator'
import { check, convert, publish, renderArticleViews, renderPreview } from '@mdwx/publish'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

afterAll(removeTempDirs)

const diagram = '```mermaid\nflowchart LR\n  A[开始] --> B[结束]\n```'

/** Every command's count of one article's characters: check, convert, screenshot's views, preview and publish. */
async function lengthsOf(cwd: string, file: string) {
  const checked = (await check([file], { cwd })).articles[0]!
  const converted = (await convert([file], { cwd, out: 'out' })).articles[0]!
  const viewed = (await renderArticleViews([file], { cwd })).articles[0]!
  const previewed = await renderPreview(file, { cwd })
  const published = (await publish([file], { cwd, dryRun: true })).articles[0]!
  return {
    lengths: [checked.characters, converted.characters, viewed.characters, previewed.characters, published.characters],
    statuses: [checked.status, converted.status, viewed.status, published.status],
  }
}

describe('one render path: every command measures an article as publish does', () => {
  it('check, convert, screenshot, preview and publish agree to the character, pictures, a diagram and a formula included', async () => {
    const cwd = await createTempDir('one-path')
    await writeFiles(cwd, {
      'posts/p.png': await pictures.png(40, 30),
      'posts/a.md': `# 一篇\n\n![图](p.png)\n\n${diagram}\n\n$$\n\\int_0^1 x^2\\,dx\n$$\n\n正文。\n`,
    })
    const { lengths } = await lengthsOf(cwd, 'posts/a.md')
    expect(new Set(lengths).size, String(lengths)).toBe(1)
  })

  it('an article that fits only with short local picture URLs fails everywhere, as publish would fail it', async () => {
    const cwd = await createTempDir('one-path-limit')
    // 60 distinct pictures: 60 × (195 − a local URL of ~70) ≈ 7,500 characters more with the
    // stand-ins publish measures with than with convert's local paths.
    const files: Record<string, string | Uint8Array> = {}
    const body: string[] = []
    for (let i = 0; i < 60; i++) {
      files[`posts/p${i}.png`] = await pictures.png(10 + i, 10)
      body.push(`![](p${i}.png)`)
    }
    const probe = `# 长文\n\n${body.join('\n\n')}\n\n`
    await writeFiles(cwd, { ...files, 'posts/probe.md': probe })
    const measured = (await check(['posts/probe.md'], { cwd })).articles[0]!.characters
    // Text to bring the measured length just over the limit.
    await writeFiles(cwd, { 'posts/long.md': `${probe}${'长'.repeat(20_000 - measured + 50)}\n` })
    const { lengths, statuses } = await lengthsOf(cwd, 'posts/long.md')
    expect(new Set(lengths).size, String(lengths)).toBe(1)
    expect(lengths[0]).toBeGreaterThan(20_000)
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'failed'])
  })

  it('publish against an account measures what it measured in its dry run', async () => {
    const emulator = await startEmulator()
    try {
      const cwd = await createTempDir('one-path-real')
      await writeFiles(cwd, { 'posts/p.png': await pictures.png(40, 30), 'posts/a.md': `# 一篇\n\n![图](p.png)\n\n${diagram}\n` })
      const real = (await publishTo(emulator, cwd, [path.join('posts', 'a.md')])).articles[0]!
      const checked = (await check(['posts/a.md'], { cwd })).articles[0]!
      expect(real.status).toBe('created')
      expect(real.characters).toBe(checked.characters)
    } finally {
      await emulator.close()
    }
  })
})
