import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { articleNameOf, convert, discoverMarkdown, outputNameOf, readArticleAccounts } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

/** A Hugo site: TOML config and front matter, a page bundle, a section list page, a static folder. */
describe('a Hugo site', () => {
  let root: string

  beforeAll(async () => {
    root = await createTempDir('hugo-site')
    await writeFiles(root, {
      'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "博客"\n',
      'content/_index.md': '+++\ntitle = "首页"\n+++\n',
      'content/posts/_index.md': '+++\ntitle = "文章"\n+++\n\n全部文章。\n',
      'content/posts/my-trip/index.md': '+++\naccount = "blog"\n+++\n\n旅行的记录。\n\n![](photo.png)\n',
      'content/posts/my-trip/photo.png': await pictures.png(40, 30),
      'content/posts/toml.md': '+++\ntitle = "TOML"\ncover = "/images/c.png"\n+++\n\n{{< figure src="/images/c.png" caption="说明" >}}\n',
      'content/posts/yaml.md': '---\ntitle: YAML\naccount: news\ncover: /images/c.png\n---\n\n正文。\n',
      'static/images/c.png': await pictures.png(40, 30),
      'bad/wrong-account.md': '+++\ntitle = "x"\n\naccount = ["a"]\n+++\n',
    })
  })

  afterAll(removeTempDirs)

  it('leaves the section list pages (`_index.md`) out of a folder, but takes one given by name', async () => {
    const files = await discoverMarkdown(['content'], { cwd: root })
    expect(files.map((file) => file.relativePath.split(path.sep).join('/'))).toEqual(['posts/my-trip/index.md', 'posts/toml.md', 'posts/yaml.md'])
    expect((await discoverMarkdown(['content/posts/_index.md'], { cwd: root })).map((file) => file.relativePath)).toEqual(['_index.md'])
  })

  it('finds static/ as the asset root from hugo.toml', async () => {
    const [file] = await discoverMarkdown(['content/posts/toml.md'], { cwd: root })
    expect(file?.assetRoots).toEqual([path.join(root, 'static')])
  })

  it('names a page bundle after its folder', () => {
    expect(articleNameOf(path.join(root, 'content/posts/my-trip/index.md'))).toBe('my-trip')
    expect(articleNameOf(path.join(root, 'content/posts/toml.md'))).toBe('toml')
    // Outputs keep the folder layout: the same names on every machine (a root index.md is not
    // named after a checkout folder).
    expect(outputNameOf({ relativePath: path.join('posts', 'my-trip', 'index.md') })).toBe(path.join('posts', 'my-trip', 'index'))
    expect(outputNameOf({ relativePath: 'index.md' })).toBe('index')
    expect(outputNameOf({ relativePath: 'a.mdx' })).toBe('a')
  })

  it('reads `account` from TOML front matter as from YAML', async () => {
    const accounts = await readArticleAccounts(await discoverMarkdown(['content'], { cwd: root }), root)
    expect(Object.fromEntries([...accounts].map(([file, account]) => [path.relative(root, file).split(path.sep).join('/'), account]))).toEqual({
      'content/posts/my-trip/index.md': 'blog',
      'content/posts/toml.md': undefined,
      'content/posts/yaml.md': 'news',
    })
  })

  it('names the file and line of a TOML `account` that is not a name', async () => {
    await expect(readArticleAccounts(await discoverMarkdown(['bad'], { cwd: root }), root)).rejects.toMatchObject({
      code: 'MDWX_INVALID_OPTION',
      message: `${path.join('bad', 'wrong-account.md')}:4: front matter "account" must name an account of mdwx.config.json, got ["a"]`,
    })
  })

  it('convert writes a bundle as <folder>/index.html, titled after its folder, its picture found beside it', async () => {
    const out = path.join(root, 'out')
    const report = await convert(['content/posts'], { cwd: root, out })
    expect(report.articles.map((article) => [path.relative(out, article.output ?? ''), article.title, article.status])).toEqual([
      [path.join('my-trip', 'index.html'), 'my-trip', 'ok'],
      [path.join('toml.html'), 'TOML', 'ok'],
      [path.join('yaml.html'), 'YAML', 'ok'],
    ])
    expect(await readFile(path.join(out, 'toml.html'), 'utf8')).toContain('<figcaption')
  })
})
