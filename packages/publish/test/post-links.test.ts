import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import { check } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { draftArticles } from '../../../test/support/emulator.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const emulators: Emulator[] = []
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()))
})
afterAll(removeTempDirs)

/** A Hexo site whose first post links the second by slug. */
async function hexoSite(): Promise<string> {
  const cwd = await createTempDir('post-links')
  await writeFiles(cwd, {
    'package.json': '{"name":"blog"}',
    '_config.yml': 'title: blog\n',
    'source/_posts/a-first.md': '---\ntitle: 第一篇\ncover: /images/c.png\n---\n\n下一篇：{% post_link b-second %}\n',
    'source/_posts/b-second.md': '---\ntitle: "第二篇: 标题"\ncover: /images/c.png\n---\n\n正文。\n',
    'source/images/c.png': await pictures.png(40, 30),
  })
  return cwd
}

describe("Hexo's post_link across the articles of a run", () => {
  it('check: the other post’s title, read from its front matter, with no link before it is published', async () => {
    const cwd = await hexoSite()
    const report = await check(['source/_posts'], { cwd })
    expect(report.articles.map((article) => [article.relativePath, article.messages])).toEqual([
      ['a-first.md', []],
      ['b-second.md', []],
    ])
  })

  it('publish: the title first; once the other is published, the link goes to its Weixin article and the linking draft is updated', async () => {
    const emulator = await startEmulator({ publishDelayMs: 0 })
    emulators.push(emulator)
    const cwd = await hexoSite()
    const first = await publishTo(emulator, cwd, ['source/_posts'])
    expect(statuses(first)).toEqual([
      ['source/_posts/a-first.md', 'created'],
      ['source/_posts/b-second.md', 'created'],
    ])
    const linking = () => draftArticles(emulator).find((article) => article.title === '第一篇')!.content
    expect(linking()).toContain('下一篇：第二篇: 标题')
    expect(linking()).not.toContain('<a ')

    // The second post goes out (its URL is now in the lock file); the first, still a draft, is
    // updated to link it. Submitting publishes the first too, and nothing is created twice.
    const submitted = await publishTo(emulator, cwd, [path.join('source/_posts/b-second.md')], { submit: true })
    expect(submitted.articles[0]).toMatchObject({ status: 'unchanged', articleUrl: expect.stringContaining('/s/') })
    const url = submitted.articles[0]!.articleUrl!
    const again = await publishTo(emulator, cwd, ['source/_posts/a-first.md'])
    expect(statuses(again)).toEqual([['source/_posts/a-first.md', 'updated']])
    // The emulator's URLs are not mp.weixin.qq.com ones, so the link is a numbered reference, as
    // any outside link is; a real account's article URL stays a link.
    expect(linking()).toContain('下一篇：第二篇: 标题<sup>[1]</sup>')
    expect(linking()).toContain(`[1] 第二篇: 标题: ${url}`)
    expect(emulator.state.count('draft/add')).toBe(2)
  })
})
