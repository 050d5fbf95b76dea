import { describe, expect, it } from 'vitest'
import { article, session, testClock, uploadCover } from './helpers.js'

async function publishSession(options: Parameters<typeof session>[0] = {}) {
  const clock = testClock()
  const started = await session({ now: clock.now, publishDelayMs: 1500, ...options })
  const cover = await uploadCover(started.client, started.token)
  const draft = (await started.client.post('draft/add', { articles: [article(cover), article(cover, { title: 'Second' })] }, started.token))['media_id'] as string
  return { ...started, clock, cover, draft }
}

describe('freepublish/submit and freepublish/get', () => {
  it('accepts a draft with a numeric publish_id; status 1 while publishing, then 0 with article URLs', async () => {
    const { emulator, client, token, clock, draft } = await publishSession()
    const submitted = await client.post('freepublish/submit', { media_id: draft }, token)
    expect(submitted).toEqual({ errcode: 0, errmsg: 'ok', publish_id: expect.any(Number), msg_data_id: expect.any(Number) })
    const publishId = submitted['publish_id'] as number
    expect(emulator.state.drafts.has(draft)).toBe(false)

    expect(await client.post('freepublish/get', { publish_id: publishId }, token)).toEqual({ publish_id: publishId, publish_status: 1, fail_idx: [] })
    clock.advance(1499)
    expect((await client.post('freepublish/get', { publish_id: String(publishId) }, token))['publish_status']).toBe(1)
    clock.advance(1)
    const done = await client.post('freepublish/get', { publish_id: String(publishId) }, token)
    expect(done).toEqual({
      publish_id: publishId,
      publish_status: 0,
      article_id: expect.stringMatching(/^[A-Za-z0-9]{43}$/),
      article_detail: {
        count: 2,
        item: [
          { idx: 1, article_url: expect.stringMatching(/\/s\/[A-Za-z0-9]{43}\?idx=1$/) },
          { idx: 2, article_url: expect.stringMatching(/\/s\/[A-Za-z0-9]{43}\?idx=2$/) },
        ],
      },
      fail_idx: [],
    })
    expect(emulator.state.publishes.get(publishId)).toMatchObject({ mediaId: draft, status: 0, articleId: done['article_id'], failIdx: [] })
    const page = await fetch(done['article_detail'].item[1].article_url as string)
    expect(await page.text()).toContain('<h1 id="article-title">Second</h1>')
  })

  it('freepublish/batchget lists the published articles newest first, with content and URL, for a client that lost its publish_id', async () => {
    const { client, token, clock, draft, cover } = await publishSession()
    const first = (await client.post('freepublish/submit', { media_id: draft }, token))['publish_id']
    const second = (await client.post('draft/add', { articles: [article(cover, { title: 'Later' })] }, token))['media_id']
    await client.post('freepublish/submit', { media_id: second }, token)
    expect((await client.post('freepublish/batchget', { offset: 0, count: 20 }, token))['total_count']).toBe(0) // still publishing
    clock.advance(1500)
    const page = await client.post('freepublish/batchget', { offset: 0, count: 20, no_content: 0 }, token)
    expect(page['total_count']).toBe(2)
    expect(page['item'].map((item: { content: { news_item: Array<{ title: string }> } }) => item.content.news_item.map((article) => article.title))).toEqual([['Later'], ['Hello', 'Second']])
    const [newest] = page['item'] as Array<{ article_id: string; update_time: number; content: { news_item: Array<Record<string, unknown>> } }>
    expect(newest!.article_id).toMatch(/^[A-Za-z0-9]{43}$/)
    expect(newest!.content.news_item[0]).toMatchObject({ title: 'Later', content: '<p>Hello Weixin</p>', is_deleted: false, url: expect.stringMatching(/\/s\/[A-Za-z0-9]{43}\?idx=1$/) })
    const bare = await client.post('freepublish/batchget', { offset: 1, count: 1, no_content: 1 }, token)
    expect(bare['item_count']).toBe(1)
    expect(bare['item'][0].content.news_item[0]).not.toHaveProperty('content')
    expect((await client.post('freepublish/get', { publish_id: first }, token))['publish_status']).toBe(0)
    expect((await client.post('freepublish/batchget', { offset: 0, count: 21 }, token))['errcode']).toBe(40097)
  })

  it('answers 40007 to an unknown draft and 40097 to an unknown publish_id', async () => {
    const { client, token, draft } = await publishSession()
    expect((await client.post('freepublish/submit', { media_id: 'unknown' }, token))['errcode']).toBe(40007)
    await client.post('freepublish/submit', { media_id: draft }, token)
    expect((await client.post('freepublish/submit', { media_id: draft }, token))['errcode']).toBe(40007)
    expect((await client.post('freepublish/get', { publish_id: 1 }, token))['errcode']).toBe(40097)
    expect((await client.post('freepublish/get', { publish_id: 'abc' }, token))['errcode']).toBe(40097)
  })

  it('ends in the status and fail_idx of the publishFailure fault', async () => {
    const { emulator, client, token, clock, draft } = await publishSession()
    emulator.setFaults({ publishFailure: { status: 4, failIdx: [1] } })
    const publishId = (await client.post('freepublish/submit', { media_id: draft }, token))['publish_id']
    clock.advance(1500)
    expect(await client.post('freepublish/get', { publish_id: publishId }, token)).toEqual({ publish_id: publishId, publish_status: 4, fail_idx: [1] })
  })

  it('lists every article as failed when publishFailure names no index', async () => {
    const { emulator, client, token, clock, draft } = await publishSession()
    emulator.setFaults({ publishFailure: { status: 2 } })
    const publishId = (await client.post('freepublish/submit', { media_id: draft }, token))['publish_id']
    clock.advance(1500)
    expect((await client.post('freepublish/get', { publish_id: publishId }, token))['fail_idx']).toEqual([0, 1])
  })

  it('answers 48001 on every freepublish call of an unverified account, keeping the draft', async () => {
    const { emulator, client, token, draft } = await publishSession({ faults: { unverified: true } })
    expect((await client.post('freepublish/submit', { media_id: draft }, token))['errcode']).toBe(48001)
    expect((await client.post('freepublish/get', { publish_id: 2247483648 }, token))['errcode']).toBe(48001)
    expect(emulator.state.drafts.has(draft)).toBe(true)
  })
})
