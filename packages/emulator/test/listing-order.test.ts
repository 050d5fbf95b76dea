import { describe, expect, it } from 'vitest'
import { type Answer, article, fixture, session, testClock, uploadCover } from './helpers.js'

// Every call below happens at the same instant: the clock never moves. "Newest first" must still
// be exact, as Weixin's is (its order comes from its records, not from a timestamp that ties).
async function frozenSession(options: Parameters<typeof session>[0] = {}) {
  const started = await session({ now: testClock().now, ...options })
  const cover = await uploadCover(started.client, started.token)
  const post = (path: string, body: unknown): Promise<Answer> => started.client.post(path, body, started.token)
  // add_news, unlike draft/add, requires show_cover_pic and content_source_url.
  const newsFields = { show_cover_pic: 0, content_source_url: '' }
  const create = async (path: 'draft/add' | 'material/add_news', title: string): Promise<string> => {
    const answer = await post(path, { articles: [article(cover, { title, ...(path === 'material/add_news' ? newsFields : {}) })] })
    expect(answer).toHaveProperty('media_id')
    return answer['media_id'] as string
  }
  return { ...started, cover, post, create }
}

const mediaIds = (page: Answer): string[] => page['item'].map((item: Answer) => item['media_id'])

describe('listings made in one millisecond are newest first, by the order of changes', () => {
  it('draft/batchget: the last created first, and an updated draft moves to the front', async () => {
    const { post, create, cover } = await frozenSession()
    const [first, second, third] = [await create('draft/add', 'one'), await create('draft/add', 'two'), await create('draft/add', 'three')]
    expect(mediaIds(await post('draft/batchget', { offset: 0, count: 20 }))).toEqual([third, second, first])
    expect(await post('draft/update', { media_id: first, index: 0, articles: article(cover, { title: 'one, edited' }) })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(mediaIds(await post('draft/batchget', { offset: 0, count: 20 }))).toEqual([first, third, second])
    // Pages cut the same order: nothing is listed twice or skipped between pages.
    const pages = [await post('draft/batchget', { offset: 0, count: 1 }), await post('draft/batchget', { offset: 1, count: 1 }), await post('draft/batchget', { offset: 2, count: 1 })]
    expect(pages.flatMap(mediaIds)).toEqual([first, third, second])
  })

  it('batchget_material news, and images with thumbs', async () => {
    const { client, token, post, create, cover } = await frozenSession({ newsApi: 'available' })
    const older = await create('material/add_news', 'older')
    const newer = await create('material/add_news', 'newer')
    expect(mediaIds(await post('material/batchget_material', { type: 'news', offset: 0, count: 20 }))).toEqual([newer, older])

    const thumb = await client.upload('material/add_material', token, { data: fixture('small.jpg'), filename: 'thumb.jpg' }, {}, { type: 'thumb' })
    const image = await client.upload('material/add_material', token, { data: fixture('small.png'), filename: 'image.png' }, {}, { type: 'image' })
    expect(mediaIds(await post('material/batchget_material', { type: 'image', offset: 0, count: 20 }))).toEqual([image['media_id'], thumb['media_id'], cover])
  })

  it('freepublish/batchget: the last submitted first', async () => {
    const { post, create } = await frozenSession({ publishDelayMs: 0 })
    const drafts = [await create('draft/add', 'first out'), await create('draft/add', 'second out'), await create('draft/add', 'third out')]
    for (const mediaId of drafts) expect((await post('freepublish/submit', { media_id: mediaId }))['errcode']).toBe(0)
    const page = await post('freepublish/batchget', { offset: 0, count: 20 })
    expect(page['item'].map((item: Answer) => item['content'].news_item[0].title)).toEqual(['third out', 'second out', 'first out'])
  })

  it('the index page lists drafts in the same order as draft/batchget', async () => {
    const { emulator, post, create, cover } = await frozenSession()
    const [first, second] = [await create('draft/add', 'one'), await create('draft/add', 'two')]
    await post('draft/update', { media_id: first, index: 0, articles: article(cover, { title: 'one, edited' }) })
    const page = await (await fetch(`${emulator.url}/`)).text()
    const listed = [...page.matchAll(/class="draft-item" data-media-id="([^"]+)"/g)].map((match) => match[1])
    expect(listed).toEqual([first, second])
  })
})
