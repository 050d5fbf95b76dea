import { describe, expect, it } from 'vitest'
import { type Answer, article, fixture, mp3, mp4, session, testClock, uploadCover } from './helpers.js'

/** add_news requires show_cover_pic and content_source_url (empty allowed) besides what drafts need. */
const newsArticle = (cover: string, overrides: Record<string, unknown> = {}) => article(cover, { show_cover_pic: 1, content_source_url: '', ...overrides })

describe('material/add_news and update_news', () => {
  it('answer 45103 by default, as every real account since 2022', async () => {
    const { client, token } = await session()
    const cover = await uploadCover(client, token)
    const added = await client.post('material/add_news', { articles: [newsArticle(cover)] }, token)
    expect(added['errcode']).toBe(45103)
    expect(added['errmsg']).toMatch(/^This API has been unsupported hint: \[[A-Za-z0-9]{12}-0\] rid: [0-9a-f-]{26}$/)
    expect((await client.post('material/update_news', { media_id: 'x', index: 0, articles: newsArticle(cover) }, token))['errcode']).toBe(45103)
  })

  it('work with newsApi "available", validating like drafts plus show_cover_pic and content_source_url', async () => {
    const { emulator, client, token } = await session({ newsApi: 'available' })
    const cover = await uploadCover(client, token)
    const added = await client.post('material/add_news', { articles: [newsArticle(cover), newsArticle(cover, { title: 'Two' })] }, token)
    expect(Object.keys(added)).toEqual(['media_id'])
    const mediaId = added['media_id'] as string
    expect(emulator.state.news.get(mediaId)?.articles.map((stored) => [stored.title, stored.show_cover_pic])).toEqual([
      ['Hello', 1],
      ['Two', 1],
    ])
    const add = async (overrides: Record<string, unknown>) => (await client.post('material/add_news', { articles: [newsArticle(cover, overrides)] }, token))['errcode']
    expect(await add({ show_cover_pic: undefined })).toBe(44003)
    expect(await add({ content_source_url: undefined })).toBe(44003)
    expect(await add({ content_source_url: null })).toBe(44003)
    expect(await add({ content_source_url: '' })).toBeUndefined()
    expect(await add({ title: undefined })).toBe(44003)
    expect(await add({ content: undefined })).toBe(44004)
    expect(await add({ thumb_media_id: undefined })).toBe(40007)
    expect(await add({ title: 't'.repeat(33) })).toBe(45003)
    expect(await add({ author: 'a'.repeat(17) })).toBe(45110)

    expect(await client.post('material/update_news', { media_id: mediaId, index: 1, articles: newsArticle(cover, { title: 'Two, edited' }) }, token)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(emulator.state.news.get(mediaId)?.articles[1]?.title).toBe('Two, edited')
    const update = async (body: Record<string, unknown>) => (await client.post('material/update_news', { media_id: mediaId, index: 0, articles: newsArticle(cover), ...body }, token))['errcode']
    expect(await update({ articles: [newsArticle(cover)] })).toBe(47001)
    expect(await update({ index: 2 })).toBe(40114)
    expect(await update({ media_id: 'unknown' })).toBe(40007)
    expect(await update({ articles: newsArticle(cover, { show_cover_pic: undefined }) })).toBe(44003)
    expect(await update({ articles: newsArticle(cover, { content_source_url: undefined }) })).toBe(44003)
  })
})

describe('material/get_materialcount, batchget_material, del_material', () => {
  async function library() {
    const clock = testClock()
    const started = await session({ newsApi: 'available', now: clock.now })
    const { client, token } = started
    const ids: Record<string, string> = {}
    const add = async (name: string, type: string, data: Buffer, filename: string, fields: Record<string, string> = {}) => {
      ids[name] = (await client.upload('material/add_material', token, { data, filename }, fields, { type }))['media_id'] as string
      clock.advance(1000)
    }
    await add('png', 'image', fixture('small.png'), 'a.png')
    await add('thumb', 'thumb', fixture('small.jpg'), 't.jpg')
    await add('gif', 'image', fixture('small.gif'), 'b.gif')
    await add('voice', 'voice', mp3(), 'v.mp3')
    await add('video', 'video', mp4(), 'v.mp4', { description: '{"title":"clip"}' })
    ids['news'] = (await client.post('material/add_news', { articles: [newsArticle(ids['png'] as string)] }, token))['media_id'] as string
    return { ...started, ids }
  }

  it('counts the materials by kind (thumbs count as images), GET only', async () => {
    const { client, token } = await library()
    expect(await client.get('material/get_materialcount', { access_token: token })).toEqual({ voice_count: 1, video_count: 1, image_count: 3, news_count: 1 })
    expect((await client.post('material/get_materialcount', {}, token))['errcode']).toBe(43001)
  })

  it('pages the materials of one type, newest first', async () => {
    const { client, token, ids } = await library()
    const images = await client.post('material/batchget_material', { type: 'image', offset: 0, count: 2 }, token)
    expect(images['total_count']).toBe(3)
    expect(images['item_count']).toBe(2)
    expect(images['item'].map((item: Answer) => [item['media_id'], item['name']])).toEqual([
      [ids['gif'], 'b.gif'],
      [ids['thumb'], 't.jpg'],
    ])
    expect(images['item'][0].url).toMatch(/\/mmbiz_gif\//)
    const voices = await client.post('material/batchget_material', { type: 'voice', offset: 0, count: 20 }, token)
    expect(voices['item']).toEqual([{ media_id: ids['voice'], name: 'v.mp3', update_time: expect.any(Number) }])
    const news = await client.post('material/batchget_material', { type: 'news', offset: 0, count: 20 }, token)
    expect(news['item'][0]).toMatchObject({ media_id: ids['news'], content: { news_item: [{ title: 'Hello', content: '<p>Hello Weixin</p>' }] } })
    expect((await client.post('material/batchget_material', { type: 'thumb', offset: 0, count: 5 }, token))['errcode']).toBe(40004)
    expect((await client.post('material/batchget_material', { type: 'image', offset: 0, count: 21 }, token))['errcode']).toBe(40097)
  })

  it('deletes a material or a news item; an unknown media_id is 40007; a deleted cover no longer works', async () => {
    const { emulator, client, token, ids } = await library()
    expect(await client.post('material/del_material', { media_id: ids['png'] }, token)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(await client.post('material/del_material', { media_id: ids['news'] }, token)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(emulator.state.materials.has(ids['png'] as string)).toBe(false)
    expect(emulator.state.news.size).toBe(0)
    expect((await client.post('material/del_material', { media_id: ids['png'] }, token))['errcode']).toBe(40007)
    expect((await client.post('draft/add', { articles: [article(ids['png'] as string)] }, token))['errcode']).toBe(40007)
  })
})
