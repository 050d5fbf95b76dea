import path from 'node:path'
import { check, convert, discoverMarkdown } from '@mdwx/publish'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

afterAll(removeTempDirs)

const post = (src: string) => `---\ntitle: 站点图片\n---\n\n正文。\n\n![图](${src})\n`

/** A site folder: `files` plus the generator's own marker files, each post referencing `/images/x.png`. */
async function site(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const cwd = await createTempDir(`asset-roots-${name}`)
  await writeFiles(cwd, { 'package.json': '{"name":"site"}', ...files })
  return cwd
}

describe('root-relative pictures (/images/x.png) come from the site’s static folders', () => {
  it.each([
    ['Hexo', { '_config.yml': 'title: blog\n', 'source/_posts/a.md': post('/images/x.png'), 'source/images/x.png': 'PNG' }, 'source/_posts'],
    ['VitePress', { 'docs/.vitepress/config.mts': 'export default {}\n', 'docs/guide/a.md': post('/images/x.png'), 'docs/public/images/x.png': 'PNG' }, 'docs/guide'],
    ['VitePress with srcDir docs', { '.vitepress/config.mts': 'export default { srcDir: "docs" }\n', 'docs/a.md': post('/images/x.png'), 'docs/public/images/x.png': 'PNG' }, 'docs'],
    ['Astro', { 'astro.config.mjs': 'export default {}\n', 'src/content/blog/a.md': post('/images/x.png'), 'public/images/x.png': 'PNG' }, 'src/content/blog'],
    ['Docusaurus', { 'docusaurus.config.ts': 'export default {}\n', 'blog/a.md': post('/images/x.png'), 'static/images/x.png': 'PNG' }, 'blog'],
    ['Hugo (static)', { 'hugo.toml': 'title = "blog"\n', 'content/posts/a.md': post('/images/x.png'), 'static/images/x.png': 'PNG' }, 'content/posts'],
    ['Hugo (assets)', { 'hugo.toml': 'title = "blog"\n', 'content/posts/a.md': post('/images/x.png'), 'assets/images/x.png': 'PNG' }, 'content/posts'],
    ['Jekyll', { '_config.yml': 'title: blog\n', '_posts/a.md': post('/images/x.png'), 'images/x.png': 'PNG' }, '_posts'],
  ])('%s', async (_generator, files, posts) => {
    const picture = await pictures.png(40, 30)
    const withPicture = Object.fromEntries(Object.entries(files).map(([file, content]) => [file, content === 'PNG' ? picture : content]))
    const cwd = await site(_generator.replace(/\W+/g, '-'), withPicture)
    const report = await check([posts], { cwd })
    expect(report.articles.map((article) => [article.status, article.images, article.messages])).toEqual([['ok', 1, []]])
  })

  it('convert writes the picture it found there, as publish would upload it', async () => {
    const cwd = await site('convert', { '_config.yml': 'title: blog\n', 'source/_posts/a.md': post('/images/x.png'), 'source/images/x.png': await pictures.png(40, 30) })
    const report = await convert(['source/_posts'], { cwd, out: 'out' })
    expect(report.articles[0]).toMatchObject({ status: 'ok', messages: [] })
    expect(report.articles[0]?.output).toBeDefined()
  })

  it('assetRoots (--asset-root) come first, relative to cwd, and serve files outside any site', async () => {
    const cwd = await site('given', { 'posts/a.md': post('/pics/x.png'), 'shared/pics/x.png': await pictures.png(40, 30) })
    const report = await check(['posts'], { cwd, assetRoots: ['shared'] })
    expect(report.articles[0]).toMatchObject({ status: 'ok', messages: [] })
    const [file] = await discoverMarkdown(['posts'], { cwd, assetRoots: ['shared'] })
    expect(file?.assetRoots).toEqual([path.join(cwd, 'shared')])
  })

  it('a picture in none of them is an error naming every folder tried and what to do', async () => {
    const cwd = await site('missing', { '_config.yml': 'title: blog\n', 'source/_posts/a.md': post('/images/gone.png'), 'source/x.txt': '' })
    const [article] = (await check(['source/_posts'], { cwd, assetRoots: ['extra'] })).articles
    expect(article?.status).toBe('failed')
    expect(article?.messages[0]).toMatchObject({
      ruleId: 'image-unresolved',
      line: 7,
      message: expect.stringContaining(`/images/gone.png: a root-relative picture, not found (looked in ${path.join(cwd, 'extra')}, ${path.join(cwd, 'source')}). Check the spelling, or add the folder that holds it with --asset-root <dir>`),
    })
  })

  it('outside a site, with no asset root, the error says how to give one', async () => {
    const cwd = await site('no-site', { 'posts/a.md': post('/images/x.png') })
    const [article] = (await check(['posts'], { cwd })).articles
    expect(article?.messages[0]?.message).toMatch(/not found \(no site folder was found\)\. Give the folder your site serves it from with --asset-root <dir>/)
  })

  it('never leaves an asset root: /../ paths are not looked up above it', async () => {
    const cwd = await site('escape', { '_config.yml': 'title: blog\n', 'source/_posts/a.md': post('/../secret.png'), 'secret.png': await pictures.png(40, 30) })
    const [article] = (await check(['source/_posts'], { cwd })).articles
    expect(article?.status).toBe('failed')
    expect(article?.messages[0]?.ruleId).toBe('image-unresolved')
  })

  it('stops at the project edge: a site config above package.json is not this project’s', async () => {
    const outer = await createTempDir('asset-roots-outer')
    await writeFiles(outer, { '_config.yml': 'title: other\n', 'source/images/x.png': await pictures.png(40, 30), 'project/package.json': '{}', 'project/posts/a.md': post('/images/x.png') })
    const [file] = await discoverMarkdown(['posts'], { cwd: path.join(outer, 'project') })
    expect(file?.assetRoots).toEqual([])
  })

  it('reads .markdown and .mdx files as Markdown', async () => {
    const cwd = await site('extensions', { 'posts/a.markdown': '# A\n', 'posts/b.mdx': '# B\n', 'posts/c.txt': 'no' })
    expect((await discoverMarkdown(['posts'], { cwd })).map((file) => file.relativePath)).toEqual(['a.markdown', 'b.mdx'])
  })
})

describe("Hexo's post asset folders", () => {
  it('a relative picture not beside the post is found in the folder named after it, each post its own', async () => {
    const cwd = await site('post-assets', {
      '_config.yml': 'post_asset_folder: true\n',
      'source/_posts/a.md': '---\ntitle: A\n---\n\n![](photo.png)\n',
      'source/_posts/a/photo.png': await pictures.png(40, 30),
      'source/_posts/b.md': '---\ntitle: B\n---\n\n![](photo.png)\n',
      'source/_posts/b/photo.png': await pictures.png(50, 20),
      'source/_posts/c.md': '---\ntitle: C\n---\n\n![](gone.png)\n',
    })
    const out = path.join(cwd, 'out')
    const report = await convert(['source/_posts'], { cwd, out })
    expect(report.articles.map((article) => [article.relativePath, article.status])).toEqual([
      ['a.md', 'ok'],
      ['b.md', 'ok'],
      ['c.md', 'failed'],
    ])
    // Two posts, two pictures of the same name: two different files written.
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(path.join(out, 'assets'))).toHaveLength(2)
    expect(report.articles[2]?.messages[0]?.message).toContain('gone.png')
  })
})
