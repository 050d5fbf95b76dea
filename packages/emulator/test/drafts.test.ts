import { describe, expect, it } from 'vitest'
import { type Answer, article, fixture, mp3, ridPattern, session, testClock, uploadCover } from './helpers.js'

async function draftSession(options: Parameters<typeof session>[0] = {}) {
  const started = await session(options)
  const cover = await uploadCover(started.client, started.token)
  const add = (articles: unknown): Promise<Answer> => started.client.post('draft/add', { articles }, started.token)
  const errcodeOf = async (overrides: Record<string, unknown>): Promise<unknown> => (await add([article(cover, overrides)]))['errcode']
  return { ...started, cover, add, errcodeOf }
}

describe('POST /cgi-bin/draft/add', () => {
  it('answers {media_id} without errcode and stores the article with its defaults', async () => {
    const { emulator, add, cover } = await draftSession()
    const answer = await add([article(cover, { digest: 'A digest', content_source_url: 'https://example.com/post' })])
    expect(Object.keys(answer)).toEqual(['media_id'])
    expect(answer['media_id']).toMatch(/^[A-Za-z0-9]{43}$/)
    expect(emulator.state.drafts.get(answer['media_id'] as string)?.articles).toEqual([
      {
        article_type: 'news',
        title: 'Hello',
        author: 'mdwx',
        digest: 'A digest',
        content: '<p>Hello Weixin</p>',
        content_source_url: 'https://example.com/post',
        thumb_media_id: cover,
        show_cover_pic: 0,
        need_open_comment: 0,
        only_fans_can_comment: 0,
        pic_crop_235_1: '',
        pic_crop_1_1: '',
        image_media_ids: [],
      },
    ])
  })

  it('takes up to 8 articles: 9 is 45008, none is 44003', async () => {
    const { add, cover } = await draftSession()
    const many = (n: number) => Array.from({ length: n }, (_, index) => article(cover, { title: `Part ${index + 1}` }))
    expect(await add(many(8))).toHaveProperty('media_id')
    expect((await add(many(9)))['errcode']).toBe(45008)
    expect((await add([]))['errcode']).toBe(44003)
    expect((await add(undefined))['errcode']).toBe(44003)
    expect((await add(article(cover)))['errcode']).toBe(47001)
  })

  it('limits the title to 32 characters (45003), counting UTF-16 units', async () => {
    const { errcodeOf } = await draftSession()
    expect(await errcodeOf({ title: '标'.repeat(32) })).toBeUndefined()
    expect(await errcodeOf({ title: '标'.repeat(33) })).toBe(45003)
    expect(await errcodeOf({ title: '😀'.repeat(16) })).toBeUndefined()
    expect(await errcodeOf({ title: '😀'.repeat(16) + 'a' })).toBe(45003)
  })

  it('limits the author to 16 characters (45110) and the digest to 128 (45004)', async () => {
    const { errcodeOf } = await draftSession()
    expect(await errcodeOf({ author: '作'.repeat(16) })).toBeUndefined()
    expect(await errcodeOf({ author: '作'.repeat(17) })).toBe(45110)
    expect(await errcodeOf({ digest: 'd'.repeat(128) })).toBeUndefined()
    expect(await errcodeOf({ digest: 'd'.repeat(129) })).toBe(45004)
  })

  it('requires content (44004) under 20,000 characters, tags included (45002)', async () => {
    const { errcodeOf } = await draftSession()
    const wrap = (length: number) => `<p>${'x'.repeat(length - 7)}</p>`
    expect(await errcodeOf({ content: wrap(19_999) })).toBeUndefined()
    expect(await errcodeOf({ content: wrap(20_000) })).toBe(45002)
    expect(await errcodeOf({ content: '' })).toBe(44004)
    expect(await errcodeOf({ content: undefined })).toBe(44004)
  })

  it('requires a title (44003)', async () => {
    const { errcodeOf } = await draftSession()
    expect(await errcodeOf({ title: '' })).toBe(44003)
    expect(await errcodeOf({ title: undefined })).toBe(44003)
  })

  it('requires a permanent image or thumb material as thumb_media_id (40007)', async () => {
    const { client, token, errcodeOf } = await draftSession()
    expect(await errcodeOf({ thumb_media_id: undefined })).toBe(40007)
    expect(await errcodeOf({ thumb_media_id: 'NoSuchMediaIdNoSuchMediaIdNoSuchMediaId1234' })).toBe(40007)
    const voice = await client.upload('material/add_material', token, { data: mp3(), filename: 'a.mp3' }, {}, { type: 'voice' })
    expect(await errcodeOf({ thumb_media_id: voice['media_id'] })).toBe(40007)
    const url = (await client.upload('media/uploadimg', token, { data: fixture('small.png'), filename: 'a.png' }))['url']
    expect(await errcodeOf({ thumb_media_id: url })).toBe(40007)
    const thumb = await client.upload('material/add_material', token, { data: fixture('small.jpg'), filename: 't.jpg' }, {}, { type: 'thumb' })
    expect(await errcodeOf({ thumb_media_id: thumb['media_id'] })).toBeUndefined()
  })

  it('answers 41039 to an invalid content_source_url', async () => {
    const { errcodeOf } = await draftSession()
    expect(await errcodeOf({ content_source_url: 'not a url' })).toBe(41039)
    expect(await errcodeOf({ content_source_url: 'javascript:alert(1)' })).toBe(41039)
    expect(await errcodeOf({ content_source_url: 'ftp://example.com/a' })).toBe(41039)
    expect(await errcodeOf({ content_source_url: '' })).toBeUndefined()
  })

  it('answers 47001 to fields of the wrong type', async () => {
    const { errcodeOf } = await draftSession()
    expect(await errcodeOf({ title: 42 })).toBe(47001)
    expect(await errcodeOf({ need_open_comment: true })).toBe(47001)
    expect(await errcodeOf({ only_fans_can_comment: 2 })).toBe(47001)
    expect(await errcodeOf({ show_cover_pic: '1' })).toBe(47001)
  })

  it('keeps valid cover crops and answers 40097 to invalid ones', async () => {
    const { emulator, add, cover, errcodeOf } = await draftSession()
    const answer = await add([article(cover, { pic_crop_235_1: '0_0_1_0.5', pic_crop_1_1: '0.1_0_0.9_1' })])
    expect(emulator.state.drafts.get(answer['media_id'] as string)?.articles[0]).toMatchObject({ pic_crop_235_1: '0_0_1_0.5', pic_crop_1_1: '0.1_0_0.9_1' })
    expect(await errcodeOf({ pic_crop_235_1: '0_0_1.5_1' })).toBe(40097)
    expect(await errcodeOf({ pic_crop_1_1: '0.5_0_0.2_1' })).toBe(40097)
    expect(await errcodeOf({ pic_crop_1_1: '0_0_1' })).toBe(40097)
  })

  it('takes newspic image posts with image_info, content as plain text', async () => {
    const { emulator, add, cover, errcodeOf } = await draftSession()
    const answer = await add([{ article_type: 'newspic', title: 'Pics', content: '<p>Look <b>here</b></p>', image_info: { image_list: [{ image_media_id: cover }] } }])
    expect(emulator.state.drafts.get(answer['media_id'] as string)?.articles[0]).toMatchObject({ article_type: 'newspic', content: 'Look here', image_media_ids: [cover] })
    expect(await errcodeOf({ article_type: 'newspic', thumb_media_id: undefined })).toBe(44003)
    expect(await errcodeOf({ article_type: 'newspic', image_info: { image_list: [{ image_media_id: 'unknown' }] } })).toBe(40007)
    expect(await errcodeOf({ article_type: 'video' })).toBe(40097)
  })

  it('fills an empty digest of a single article with the start of its text, and only then', async () => {
    const { emulator, add, cover } = await draftSession()
    const text = '这是一篇很长的文章，'.repeat(10)
    const single = await add([article(cover, { content: `<section><p>${text}</p></section>` })])
    expect(emulator.state.drafts.get(single['media_id'] as string)?.articles[0]?.digest).toBe(text.slice(0, 54))
    const pair = await add([article(cover), article(cover)])
    expect(emulator.state.drafts.get(pair['media_id'] as string)?.articles.map((stored) => stored.digest)).toEqual(['', ''])
  })
})

describe('how the body is read', () => {
  it('keeps \\uXXXX escapes literally, so an escaped title grows six-fold and fails 45003 like on Weixin', async () => {
    const { client, token, cover } = await draftSession()
    const escaped = (title: string) => JSON.stringify({ articles: [article(cover, { title })] }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    const raw = await client.post('draft/add', JSON.stringify({ articles: [article(cover, { title: '写一篇好文章' })] }), token)
    expect(raw).toHaveProperty('media_id')
    expect((await client.post('draft/add', escaped('写一篇好文章'), token))['errcode']).toBe(45003)

    const short = await client.post('draft/add', escaped('写作'), token)
    const stored = await client.post('draft/get', { media_id: short['media_id'] }, token)
    expect(stored['news_item'][0].title).toBe('\\u5199\\u4f5c')
  })

  it('decodes the other escapes', async () => {
    const { client, token, cover } = await draftSession()
    const answer = await client.post('draft/add', `{"articles":[{"title":"a\\"b\\\\c\\/d\\te","content":"<p>x</p>","thumb_media_id":"${cover}"}]}`, token)
    const stored = await client.post('draft/get', { media_id: answer['media_id'] }, token)
    expect(stored['news_item'][0].title).toBe('a"b\\c/d\te')
  })

  it.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ['malformed JSON', Buffer.from('{"articles": [')],
    ['trailing garbage', Buffer.from('{"articles": []} x')],
    ['a bad escape', Buffer.from('{"articles": "\\x"}')],
    ['a short \\u escape', Buffer.from('{"articles": "\\u12"}')],
    ['a raw control character', Buffer.from('{"articles": "a\nb"}')],
    ['a JSON array', Buffer.from('[]')],
  ])('answers 47001 to %s', async (_, body) => {
    const { client, token } = await draftSession()
    const response = await client.request('POST', 'draft/add', { access_token: token }, body)
    expect(response.json['errcode']).toBe(47001)
    expect(response.json['errmsg']).toMatch(ridPattern)
  })

  it('answers 44002 to an empty body', async () => {
    const { client, token } = await draftSession()
    expect((await client.post('draft/add', '', token))['errcode']).toBe(44002)
    expect((await client.post('draft/add', '  \n', token))['errcode']).toBe(44002)
  })
})

describe('draft/get, update, delete, batchget, count', () => {
  it('draft/get answers news_item with times in seconds, and 40007 for an unknown media_id', async () => {
    const clock = testClock()
    const { client, token, add, cover } = await draftSession({ now: clock.now })
    const { media_id: mediaId } = await add([article(cover), article(cover, { title: 'Second' })])
    const answer = await client.post('draft/get', { media_id: mediaId }, token)
    expect(answer['create_time']).toBe(Math.floor(clock.now() / 1000))
    expect(answer['news_item']).toHaveLength(2)
    expect(answer['news_item'][1]).toMatchObject({ title: 'Second', content: '<p>Hello Weixin</p>', thumb_media_id: cover, url: expect.stringContaining(`/draft/${mediaId}?idx=1`) })
    expect(answer['news_item'][0].thumb_url).toMatch(/\/mmbiz_jpg\//)
    expect((await client.post('draft/get', { media_id: 'nope' }, token))['errcode']).toBe(40007)
    expect((await client.post('draft/get', {}, token))['errcode']).toBe(40007)
  })

  it('draft/update replaces one article: `articles` must be one object (47001), index valid (40114)', async () => {
    const clock = testClock()
    const { emulator, client, token, add, cover } = await draftSession({ now: clock.now })
    const { media_id: mediaId } = await add([article(cover), article(cover, { title: 'Second' })])
    clock.advance(5000)
    const update = (body: Record<string, unknown>) => client.post('draft/update', { media_id: mediaId, index: 1, articles: article(cover, { title: 'Edited' }), ...body }, token)
    expect(await update({})).toEqual({ errcode: 0, errmsg: 'ok' })
    const draft = emulator.state.drafts.get(mediaId)
    expect(draft?.articles.map((stored) => stored.title)).toEqual(['Hello', 'Edited'])
    expect(draft && draft.updatedAt - draft.createdAt).toBe(5000)

    expect((await update({ articles: [article(cover)] }))['errcode']).toBe(47001)
    expect((await update({ index: 2 }))['errcode']).toBe(40114)
    expect((await update({ index: -1 }))['errcode']).toBe(40114)
    expect((await update({ index: '1' }))['errcode']).toBe(40114)
    expect((await update({ media_id: 'unknown' }))['errcode']).toBe(40007)
    expect((await update({ articles: article(cover, { title: 'x'.repeat(33) }) }))['errcode']).toBe(45003)
    expect((await update({ articles: undefined }))['errcode']).toBe(44003)
  })

  it('draft/delete removes the draft; a second delete is 40007', async () => {
    const { emulator, client, token, add, cover } = await draftSession()
    const { media_id: mediaId } = await add([article(cover)])
    expect(await client.post('draft/delete', { media_id: mediaId }, token)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(emulator.state.drafts.size).toBe(0)
    expect((await client.post('draft/delete', { media_id: mediaId }, token))['errcode']).toBe(40007)
    expect((await client.post('draft/get', { media_id: mediaId }, token))['errcode']).toBe(40007)
  })

  it('draft/batchget pages the drafts, most recently updated first; count is 1 to 20 (40097)', async () => {
    const clock = testClock()
    const { client, token, add, cover } = await draftSession({ now: clock.now })
    const ids: string[] = []
    for (const title of ['one', 'two', 'three']) {
      ids.push((await add([article(cover, { title })]))['media_id'] as string)
      clock.advance(1000)
    }
    const page = await client.post('draft/batchget', { offset: 1, count: 20, no_content: 0 }, token)
    expect(page['total_count']).toBe(3)
    expect(page['item_count']).toBe(2)
    expect(page['item'].map((item: Answer) => item['media_id'])).toEqual([ids[1], ids[0]])
    expect(page['item'][0].content.news_item[0]).toMatchObject({ title: 'two', content: '<p>Hello Weixin</p>' })
    const bare = await client.post('draft/batchget', { offset: 0, count: 1, no_content: 1 }, token)
    expect(bare['item'][0].content.news_item[0]).not.toHaveProperty('content')
    expect((await client.post('draft/batchget', { offset: 0, count: 0 }, token))['errcode']).toBe(40097)
    expect((await client.post('draft/batchget', { offset: 0, count: 21 }, token))['errcode']).toBe(40097)
    expect((await client.post('draft/batchget', { offset: -1, count: 5 }, token))['errcode']).toBe(40097)
  })

  it('draft/count answers {total_count} to GET only (43001); draft/add takes POST only (43002)', async () => {
    const { client, token, add, cover } = await draftSession()
    await add([article(cover)])
    expect(await client.get('draft/count', { access_token: token })).toEqual({ total_count: 1 })
    expect((await client.post('draft/count', {}, token))['errcode']).toBe(43001)
    expect((await client.get('draft/add', { access_token: token }))['errcode']).toBe(43002)
  })
})
