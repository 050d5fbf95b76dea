import path from 'node:path'
import { check, renderArticleViews, type ArticleView } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { sharp } from '../../../test/support/sharp.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('renderArticleViews', () => {
  let root: string

  beforeAll(async () => {
    root = await createTempDir('article-views')
    await writeFiles(path.join(root, 'posts'), {
      'photo.png': await pictures.png(300, 200),
      'cover.jpg': await pictures.jpeg(320, 180),
      'a.md': '---\ntitle: 有封面\nauthor: 作者\ncover: cover.jpg\nshow_cover: true\n---\n\n正文。\n\n![photo](photo.png)\n\n![far](https://example.com/far.png)\n',
      'b.md': '# 无封面显示\n\n![photo](photo.png)\n',
      'c.md': '# 坏图\n\n![gone](gone.png)\n',
    })
  })

  afterAll(removeTempDirs)

  it('hands over each article with the HTML publish would send and the pictures it would upload', async () => {
    const views = new Map<string, ArticleView>()
    const report = await renderArticleViews(['posts'], { cwd: root, assetsUrl: '/pictures', onArticle: (view) => void views.set(view.relativePath, view) })
    expect([...views.keys()].sort()).toEqual(['a.md', 'b.md', 'c.md'])
    const a = views.get('a.md')!
    expect([a.title, a.author, a.status]).toEqual(['有封面', '作者', 'ok'])
    // Every local picture of the HTML is among the assets, normalised; the remote one keeps its URL.
    const sources = [...a.html.matchAll(/<img[^>]* src="([^"]+)"/g)].map((match) => match[1]!)
    expect(sources).toHaveLength(2)
    expect(sources[1]).toBe('https://example.com/far.png')
    const photo = a.assets.get(sources[0]!)
    expect(sources[0]).toMatch(/^\/pictures\/[0-9a-f]{64}\.png$/)
    expect(photo?.contentType).toBe('image/png')
    expect((await sharp(photo!.data).metadata()).width).toBe(300)
    // show_cover: the cover is handed over too, for the picture to show it above the content.
    expect(a.coverUrl).toMatch(/^\/pictures\/cover-[0-9a-f]{64}\.jpg$/)
    expect(a.assets.get(a.coverUrl!)?.contentType).toBe('image/jpeg')
    expect(views.get('b.md')!.coverUrl).toBeUndefined()
    // The problems are check's, article for article.
    const checked = await check(['posts'], { cwd: root })
    expect(report.articles.map((article) => [article.relativePath, article.status, article.messages.map((message) => message.ruleId)])).toEqual(
      checked.articles.map((article) => [article.relativePath, article.status, article.messages.map((message) => message.ruleId)]),
    )
    expect(views.get('c.md')!.status).toBe('failed')
  })
})
