import { WeixinApiError, WeixinPublishTimeoutError } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { GIF, JPEG, MP3, MP4, PNG } from './fixtures.js'
import { article, failure, useEmulator } from './helpers.js'

const start = useEmulator()

describe('uploads', () => {
  it('uploadArticleImage uploads a PNG and returns its URL', async () => {
    const { client, emulator } = await start()
    const { url } = await client.uploadArticleImage({ data: PNG, filename: 'diagram.png' })
    expect(emulator.state.images.map((image) => image.url)).toEqual([url])
    expect(emulator.state.images[0]?.format).toBe('png')
    expect(emulator.state.images[0]?.filename).toBe('diagram.png')
  })

  it('names the file after its bytes: a PNG called .jpg is sent as .png', async () => {
    const { client, emulator } = await start()
    await client.uploadArticleImage({ data: PNG, filename: 'photos/holiday.jpg' })
    expect(emulator.state.images[0]?.filename).toBe('holiday.png')
  })

  it('derives a filename when none is given, and reduces other names to ASCII', async () => {
    const { client, emulator } = await start()
    await client.uploadArticleImage({ data: JPEG })
    await client.uploadArticleImage({ data: PNG, filename: '封面 图.png' })
    expect(emulator.state.images.map((image) => image.filename)).toEqual(['media.jpg', 'media.png'])
  })

  it('lets Weixin judge content it cannot recognise (40005), once', async () => {
    const { client, emulator } = await start()
    const error = await failure(client.uploadArticleImage({ data: Buffer.from('plain text, not an image'), filename: 'notes.txt' }))
    expect(error).toBeInstanceOf(WeixinApiError)
    expect(error).toMatchObject({ errcode: 40005, attempts: 1 })
    expect(emulator.state.count('media/uploadimg')).toBe(1)
  })

  it('a GIF is refused by uploadimg (40005) but kept by addMaterial, with a URL for content', async () => {
    const { client } = await start()
    const error = await failure(client.uploadArticleImage({ data: GIF, filename: 'anim.gif' }))
    expect(error['errcode']).toBe(40005)
    expect(error.hint).toMatch(/JPG or PNG/)
    const material = await client.addMaterial({ type: 'image', data: GIF, filename: 'anim.gif' })
    expect(material.mediaId).not.toBe('')
    expect(material.url).toMatch(/^https?:\/\//)
  })

  it('addMaterial stores images, thumbs, voice and video (with its description)', async () => {
    const { client, emulator } = await start()
    const image = await client.addMaterial({ type: 'image', data: PNG })
    const thumb = await client.addMaterial({ type: 'thumb', data: JPEG, filename: 'thumb.jpg' })
    const voice = await client.addMaterial({ type: 'voice', data: MP3, filename: 'talk.mp3' })
    const video = await client.addMaterial({ type: 'video', data: MP4, filename: 'clip.mp4', title: '视频标题', introduction: '一段介绍' })
    const stored = emulator.state.materials
    expect(stored.get(image.mediaId)?.type).toBe('image')
    expect(stored.get(thumb.mediaId)?.type).toBe('thumb')
    expect(stored.get(voice.mediaId)?.format).toBe('mp3')
    expect(stored.get(video.mediaId)).toMatchObject({ type: 'video', title: '视频标题', introduction: '一段介绍', filename: 'clip.mp4' })
    expect(video.url).toBeUndefined()
  })

  it('refuses a video without a title before sending anything', async () => {
    const { client, emulator } = await start()
    const error = await failure(client.addMaterial({ type: 'video', data: MP4 }))
    expect(error).toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    expect(error.message).toMatch(/title/)
    expect(emulator.state.calls).toHaveLength(0)
  })

  it('refuses empty data and an unknown material type with option errors', async () => {
    const { client } = await start()
    expect((await failure(client.uploadArticleImage({ data: new Uint8Array(0) }))).message).toBe(
      'Expected non-empty bytes (a Uint8Array or Buffer) for uploadArticleImage data, got 0 bytes',
    )
    // @ts-expect-error: a type Weixin does not have
    const error = await failure(client.addMaterial({ type: 'news', data: PNG }))
    expect(error.message).toBe("Expected one of 'image', 'thumb', 'voice', 'video' for addMaterial type, got \"news\"")
  })

  it('getMaterialCount counts the library and deleteMaterial removes from it', async () => {
    const { client } = await start()
    const first = await client.addMaterial({ type: 'image', data: PNG })
    await client.addMaterial({ type: 'image', data: JPEG })
    expect(await client.getMaterialCount()).toEqual({ image: 2, voice: 0, video: 0, news: 0 })
    await client.deleteMaterial(first.mediaId)
    expect((await client.getMaterialCount()).image).toBe(1)
  })
})

describe('drafts', () => {
  it('round-trips Chinese text as UTF-8 through draft/add and draft/get', async () => {
    const { client, emulator } = await start()
    const input = await article(client, {
      title: '写给未来的一封信',
      author: '张三',
      digest: '摘要：关于“引号”和 emoji 🎉',
      content: '<p>你好，世界！<strong>加粗</strong></p>',
      contentSourceUrl: 'https://example.com/原文',
      needOpenComment: true,
      onlyFansCanComment: false,
    })
    const { mediaId } = await client.addDraft([input])
    const stored = emulator.state.drafts.get(mediaId)?.articles[0]
    expect(stored).toMatchObject({ title: '写给未来的一封信', author: '张三', need_open_comment: 1, only_fans_can_comment: 0 })
    const { articles } = await client.getDraft(mediaId)
    expect(articles).toHaveLength(1)
    expect(articles[0]).toMatchObject({
      title: '写给未来的一封信',
      author: '张三',
      digest: '摘要：关于“引号”和 emoji 🎉',
      thumbMediaId: input.thumbMediaId,
      needOpenComment: true,
      onlyFansCanComment: false,
    })
    expect(articles[0]?.content).toContain('你好，世界！')
  })

  it('updateDraft replaces one article by its 0-based index', async () => {
    const { client } = await start()
    const first = await article(client, { title: 'First' })
    const { mediaId } = await client.addDraft([first, { ...first, title: 'Second' }])
    await client.updateDraft({ mediaId, index: 1, article: { ...first, title: '第二篇（改）' } })
    const { articles } = await client.getDraft(mediaId)
    expect(articles.map((a) => a.title)).toEqual(['First', '第二篇（改）'])
  })

  it('an index past the end is Weixin\'s 40114, not retried', async () => {
    const { client, emulator } = await start()
    const first = await article(client)
    const { mediaId } = await client.addDraft([first])
    const error = await failure(client.updateDraft({ mediaId, index: 3, article: first }))
    expect(error).toMatchObject({ errcode: 40114, endpoint: 'draft/update' })
    expect(emulator.state.count('draft/update')).toBe(1)
  })

  it('deleteDraft removes the draft', async () => {
    const { client, emulator } = await start()
    const { mediaId } = await client.addDraft([await article(client)])
    await client.deleteDraft(mediaId)
    expect(emulator.state.drafts.has(mediaId)).toBe(false)
    expect(await failure(client.getDraft(mediaId))).toMatchObject({ code: 'MDWX_WEIXIN_API', errcode: 40007 })
  })

  it('checks articles before sending: a missing title names the article', async () => {
    const { client, emulator } = await start()
    // @ts-expect-error: title is required
    const error = await failure(client.addDraft([{ content: '<p>x</p>' }]))
    expect(error.message).toBe('Expected a string for articles[0].title, got undefined')
    expect(await failure(client.addDraft([]))).toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    expect(emulator.state.calls).toHaveLength(0)
  })
})

describe('news (add_news, update_news)', () => {
  it('works where the account still has the API', async () => {
    const { client, emulator } = await start({ newsApi: 'available' })
    const input = await article(client, { showCoverPic: true })
    const { mediaId } = await client.addNews([input])
    expect(emulator.state.news.get(mediaId)?.articles[0]?.show_cover_pic).toBe(1)
    await client.updateNews({ mediaId, index: 0, article: { ...input, title: '新标题' } })
    expect(emulator.state.news.get(mediaId)?.articles[0]?.title).toBe('新标题')
  })

  it('sends every field add_news and update_news mark required, empty where the article says nothing', async () => {
    const { client, emulator } = await start({ newsApi: 'available' })
    // No source URL, no show_cover_pic: the strict emulator answers 44003 if either key is missing.
    const input = await article(client)
    const { mediaId } = await client.addNews([input])
    expect(emulator.state.news.get(mediaId)?.articles[0]).toMatchObject({ title: 'A title', content_source_url: '', show_cover_pic: 0, thumb_media_id: input.thumbMediaId })
    await client.updateNews({ mediaId, index: 0, article: { title: 'Edited', content: '<p>Edited</p>', thumbMediaId: input.thumbMediaId } })
    expect(emulator.state.news.get(mediaId)?.articles[0]).toMatchObject({ title: 'Edited', content_source_url: '', show_cover_pic: 0 })
    // A cover left out is sent empty, so Weixin names the problem rather than the format.
    expect(await failure(client.addNews([{ title: 'No cover', content: '<p>x</p>' }]))).toMatchObject({ errcode: 40007 })
    expect(await failure(client.addDraft([{ title: 'No cover', content: '<p>x</p>' }]))).toMatchObject({ errcode: 40007 })
  })

  it('is answered 45103 on a current account, once, with a hint towards drafts', async () => {
    const { client, emulator } = await start()
    const input = await article(client)
    const error = await failure(client.addNews([input]))
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_API', errcode: 45103, endpoint: 'material/add_news', attempts: 1 })
    expect(error.hint).toMatch(/addDraft/)
    const update = await failure(client.updateNews({ mediaId: 'any', index: 0, article: input }))
    expect(update).toMatchObject({ errcode: 45103, endpoint: 'material/update_news' })
    expect(emulator.state.count('material/add_news')).toBe(1)
    expect(emulator.state.count('material/update_news')).toBe(1)
  })
})

describe('listings: what the account holds, for a client that lost an answer', () => {
  it('listDrafts pages the draft box newest first, with content unless noContent', async () => {
    const { client } = await start()
    const input = await article(client)
    const first = await client.addDraft([{ ...input, title: '第一篇' }])
    const second = await client.addDraft([{ ...input, title: 'Second' }, { ...input, title: 'Third' }])
    const page = await client.listDrafts()
    expect(page.totalCount).toBe(2)
    expect(page.items.map((item) => [item.mediaId, item.articles.map((listed) => listed.title)])).toEqual([
      [second.mediaId, ['Second', 'Third']],
      [first.mediaId, ['第一篇']],
    ])
    expect(page.items[1]?.articles[0]).toMatchObject({ content: '<p>Hello</p>', thumbMediaId: input.thumbMediaId })
    expect(page.items[0]?.updatedAt).toBeGreaterThan(Date.now() - 60_000)
    const bare = await client.listDrafts({ offset: 1, count: 1, noContent: true })
    expect(bare.items).toHaveLength(1)
    expect(bare.items[0]?.articles[0]?.content).toBe('')
    await expect(client.listDrafts({ count: 21 })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
  })

  it('listNews pages the news items of the material library', async () => {
    const { client } = await start({ newsApi: 'available' })
    const { mediaId } = await client.addNews([await article(client, { title: 'News' })])
    expect(await client.listNews()).toMatchObject({ totalCount: 1, items: [{ mediaId, articles: [{ title: 'News', content: '<p>Hello</p>' }] }] })
  })

  it('listPublished pages the published articles with their URLs', async () => {
    const { client } = await start({ publishDelayMs: 0 })
    const { mediaId } = await client.addDraft([await article(client, { title: 'Out' })])
    await client.waitForPublish((await client.submitPublish(mediaId)).publishId, { intervalMs: 1 })
    const page = await client.listPublished()
    expect(page).toMatchObject({ totalCount: 1, items: [{ articleId: expect.any(String), articles: [{ title: 'Out', isDeleted: false, url: expect.stringContaining('/s/') }] }] })
  })
})

describe('publishing', () => {
  it('submitPublish returns the publish id as a string; waitForPublish polls until published', async () => {
    const { client, emulator } = await start({ publishDelayMs: 50 })
    const { mediaId } = await client.addDraft([await article(client)])
    const { publishId } = await client.submitPublish(mediaId)
    expect(publishId).toMatch(/^\d+$/)
    expect(emulator.state.publishes.has(Number(publishId))).toBe(true)
    const first = await client.getPublishStatus(publishId)
    expect(first).toMatchObject({ publishId, status: 'publishing', statusCode: 1, articleUrls: [], failedIndexes: [] })
    const done = await client.waitForPublish(publishId, { intervalMs: 10 })
    expect(done).toMatchObject({ publishId, status: 'published', statusCode: 0 })
    expect(done.articleId).toBeTypeOf('string')
    expect(done.articleUrls).toEqual(emulator.state.publishes.get(Number(publishId))?.articleUrls)
    expect(done.articleUrls).toHaveLength(1)
  })

  it('waitForPublish returns a failed job as it is, with the failed indexes', async () => {
    const { client } = await start({ publishDelayMs: 10, faults: { publishFailure: { status: 4, failIdx: [1] } } })
    const { mediaId } = await client.addDraft([await article(client)])
    const { publishId } = await client.submitPublish(mediaId)
    const done = await client.waitForPublish(publishId, { intervalMs: 5 })
    expect(done).toMatchObject({ status: 'rejected', statusCode: 4, failedIndexes: [1] })
  })

  it('waitForPublish gives up after timeoutMs with a typed error', async () => {
    const { client } = await start({ publishDelayMs: 600_000 })
    const { mediaId } = await client.addDraft([await article(client)])
    const { publishId } = await client.submitPublish(mediaId)
    const error = await failure(client.waitForPublish(publishId, { intervalMs: 5, timeoutMs: 30 }))
    expect(error).toBeInstanceOf(WeixinPublishTimeoutError)
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_PUBLISH_TIMEOUT', publishId })
  })

  it('an unverified account gets 48001 on submit, once, with the console path in the hint', async () => {
    const { client, emulator } = await start({ faults: { unverified: true } })
    const { mediaId } = await client.addDraft([await article(client)])
    const error = await failure(client.submitPublish(mediaId))
    expect(error).toMatchObject({ errcode: 48001, endpoint: 'freepublish/submit', attempts: 1 })
    expect(error.hint).toContain('草稿箱')
    expect(emulator.state.count('freepublish/submit')).toBe(1)
    expect(emulator.state.drafts.has(mediaId)).toBe(true)
  })
})
