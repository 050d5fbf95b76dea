import { discoverMarkdown, publish, readArticleAccounts } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('readArticleAccounts and filter: one account\'s articles of a folder', () => {
  let root: string

  beforeAll(async () => {
    root = await createTempDir('article-accounts')
    await writeFiles(root, {
      'posts/a.md': '---\naccount: blog\ntitle: A\n---\n\n# A\n',
      'posts/b.md': '# B, no front matter\n',
      'posts/c.md': '---\ntitle: C\n---\n\nBody with\n---\naccount: nope\n',
      'posts/d.md': '\uFEFF---\r\naccount: "news"\r\n---\r\n\r\n# D\r\n',
      'posts/e.md': '---\ntitle: [unclosed\n---\n\n# E\n',
      'bad/f.md': '---\ntitle: F\naccount: [1, 2]\n---\n\n# F\n',
    })
  })
  afterAll(removeTempDirs)

  it('reads `account:` from the front matter only, whatever the line endings; invalid YAML names none', async () => {
    const accounts = await readArticleAccounts(await discoverMarkdown(['posts'], { cwd: root }), root)
    expect(Object.fromEntries([...accounts].map(([file, account]) => [file.slice(root.length + 1), account]))).toEqual({
      'posts/a.md': 'blog',
      'posts/b.md': undefined,
      'posts/c.md': undefined,
      'posts/d.md': 'news',
      'posts/e.md': undefined,
    })
  })

  it('an account that is not a name is an error naming the file and line', async () => {
    await expect(readArticleAccounts(await discoverMarkdown(['bad'], { cwd: root }), root)).rejects.toMatchObject({
      code: 'MDWX_INVALID_OPTION',
      message: 'bad/f.md:3: front matter "account" must name an account of mdwx.config.json, got [1,2]',
    })
  })

  it('publish({ include }) works on the accepted files only, and keeps them under the folder', async () => {
    const report = await publish(['posts'], { cwd: root, dryRun: true, filter: (file) => file.relativePath === 'a.md' })
    expect(report.articles.map((article) => article.key)).toEqual(['posts/a.md'])
  })
})
