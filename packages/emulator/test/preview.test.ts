import { DEMO_OPENID } from '@mdwx/emulator'
import { describe, expect, it } from 'vitest'
import { article, ridPattern, session, testClock, uploadCover } from './helpers.js'

async function draftSession(options: Parameters<typeof session>[0] = {}) {
  const clock = testClock()
  const started = await session({ now: clock.now, ...options })
  const cover = await uploadCover(started.client, started.token)
  const draft = (await started.client.post('draft/add', { articles: [article(cover), article(cover, { title: 'Second' })] }, started.token))['media_id'] as string
  return { ...started, clock, cover, draft }
}

const body = (mediaId: string, to: Record<string, unknown> = { towxname: 'writer_01' }) => ({ ...to, mpnews: { media_id: mediaId }, msgtype: 'mpnews' })

describe('message/mass/preview', () => {
  it('sends a draft to a 微信号 and to a known openid, and keeps each preview in state', async () => {
    const { emulator, client, token, clock, draft } = await draftSession()
    const first = await client.post('message/mass/preview', body(draft), token)
    expect(first).toEqual({ errcode: 0, errmsg: 'preview success', msg_id: expect.any(Number) })
    const second = await client.post('message/mass/preview', body(draft, { touser: DEMO_OPENID }), token)
    expect(second['msg_id']).not.toBe(first['msg_id'])
    expect(emulator.state.previews).toEqual([
      { msgId: first['msg_id'], mediaId: draft, source: 'draft', to: { wxname: 'writer_01' }, titles: ['Hello', 'Second'], at: clock.now() },
      { msgId: second['msg_id'], mediaId: draft, source: 'draft', to: { openid: DEMO_OPENID }, titles: ['Hello', 'Second'], at: clock.now() },
    ])
    expect(emulator.state.count('message/mass/preview', 0)).toBe(2)
    // A preview is not publishing: the draft stays in the draft box.
    expect(emulator.state.drafts.has(draft)).toBe(true)
  })

  it('sends a news item too (add_news with newsApi available)', async () => {
    const { emulator, client, token, cover } = await draftSession({ newsApi: 'available' })
    const news = (await client.post('material/add_news', { articles: [{ ...article(cover), show_cover_pic: 0, content_source_url: '' }] }, token))['media_id'] as string
    expect((await client.post('message/mass/preview', body(news), token))['errcode']).toBe(0)
    expect(emulator.state.previews[0]).toMatchObject({ mediaId: news, source: 'news' })
  })

  it('is POST only, and needs a token', async () => {
    const { client, token, draft } = await draftSession()
    expect((await client.get('message/mass/preview', { access_token: token }))['errcode']).toBe(43002)
    expect((await client.post('message/mass/preview', body(draft)))['errcode']).toBe(41001)
  })

  it.each([
    ['neither towxname nor touser', { mpnews: { media_id: 'x' }, msgtype: 'mpnews' }, 47001],
    ['both towxname and touser', { towxname: 'writer_01', touser: DEMO_OPENID, mpnews: { media_id: 'x' }, msgtype: 'mpnews' }, 47001],
    ['a towxname that is not a string', { towxname: 12345678, mpnews: { media_id: 'x' }, msgtype: 'mpnews' }, 47001],
    ['no msgtype', { towxname: 'writer_01', mpnews: { media_id: 'x' } }, 47001],
    ['a msgtype other than mpnews', { towxname: 'writer_01', text: { content: 'hi' }, msgtype: 'text' }, 40008],
    ['mpnews that is not an object', { towxname: 'writer_01', mpnews: 'x', msgtype: 'mpnews' }, 47001],
  ])('refuses %s', async (_, given, errcode) => {
    const { client, token, emulator } = await draftSession()
    const answer = await client.post('message/mass/preview', given, token)
    expect(answer['errcode']).toBe(errcode)
    expect(answer['errmsg']).toMatch(ridPattern)
    expect(emulator.state.previews).toHaveLength(0)
  })

  it('answers 40007 for a media_id that is no draft or news item (a deleted or published draft)', async () => {
    const { client, token, draft, emulator } = await draftSession()
    expect((await client.post('message/mass/preview', body('no-such-media-id'), token))['errcode']).toBe(40007)
    expect((await client.post('message/mass/preview', { towxname: 'writer_01', msgtype: 'mpnews' }, token))['errcode']).toBe(40007)
    await client.post('draft/delete', { media_id: draft }, token)
    expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(40007)
    expect(emulator.state.previews).toHaveLength(0)
  })

  it('answers 40003 for a 微信号 of the wrong shape, one configured unknown, and an openid it does not know', async () => {
    const { client, token, draft, emulator } = await draftSession({ unknownWxnames: ['nobody_here'], followerOpenids: ['oFollowerOpenid0000000000001'] })
    for (const to of [{ towxname: 'nobody_here' }, { towxname: '1starts_with_digit' }, { towxname: 'short' }, { towxname: '昵称不是微信号' }, { touser: DEMO_OPENID }]) {
      const answer = await client.post('message/mass/preview', body(draft, to), token)
      expect(answer['errcode'], JSON.stringify(to)).toBe(40003)
      expect(answer['errmsg']).toMatch(/^invalid openid hint: \[/)
    }
    expect((await client.post('message/mass/preview', body(draft, { touser: 'oFollowerOpenid0000000000001' }), token))['errcode']).toBe(0)
    expect(emulator.state.previews).toHaveLength(1)
  })

  it('answers 48001 on an unverified account, and keeps the draft', async () => {
    const { client, token, draft, emulator } = await draftSession({ faults: { unverified: true } })
    expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(48001)
    expect(emulator.state.drafts.has(draft)).toBe(true)
    expect(emulator.state.previews).toHaveLength(0)
  })

  it('answers 45009 once the day’s previews are used up, and again after midnight Beijing time', async () => {
    const { client, token, draft, emulator, clock } = await draftSession({ previewQuota: 2 })
    for (let sent = 0; sent < 2; sent++) expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(0)
    expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(45009)
    expect(emulator.state.previews).toHaveLength(2)
    // The test clock starts at 12:00 Beijing time: midnight is 12 hours on.
    clock.advance(12 * 3_600_000)
    expect((await client.post('message/mass/preview', body(draft), await client.token()))['errcode']).toBe(0)
    expect(emulator.state.previews).toHaveLength(3)
  })

  it('loseAnswerTo: the preview is sent, then the connection drops before the answer', async () => {
    const { client, token, draft, emulator } = await draftSession()
    emulator.setFaults({ loseAnswerTo: { path: 'message/mass/preview' } })
    await expect(client.post('message/mass/preview', body(draft), token)).rejects.toThrow()
    expect(emulator.state.previews).toHaveLength(1)
    expect(emulator.state.calls.at(-1)).toMatchObject({ path: '/cgi-bin/message/mass/preview', errcode: 0, status: null, fault: 'answer-lost' })
    // Once: the next one is answered.
    expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(0)
  })

  it('a scripted errcode answers without sending', async () => {
    const { client, token, draft, emulator } = await draftSession({ faults: { scripted: [{ path: 'message/mass/preview', errcode: 45009 }] } })
    expect((await client.post('message/mass/preview', body(draft), token))['errcode']).toBe(45009)
    expect(emulator.state.previews).toHaveLength(0)
  })

  it('lists the previews on its index page', async () => {
    const { client, token, draft, emulator } = await draftSession()
    const empty = await (await fetch(`${emulator.url}/`)).text()
    expect(empty).toContain('id="preview-list-empty"')
    const sent = await client.post('message/mass/preview', body(draft), token)
    const page = await (await fetch(`${emulator.url}/`)).text()
    expect(page).toContain('<span id="preview-count">1</span>')
    expect(page).toContain(`<li class="preview-item" data-media-id="${draft}" data-msg-id="${sent['msg_id']}">`)
    expect(page).toContain('<span class="preview-to">微信号 writer_01</span>')
    expect(page).toContain(`href="/draft/${draft}?idx=0">Hello · Second</a>`)
  })

  it('rejects invalid preview options', async () => {
    await expect(session({ previewQuota: -1 })).rejects.toThrow(/previewQuota/)
    await expect(session({ unknownWxnames: [''] })).rejects.toThrow(/unknownWxnames/)
    await expect(session({ faults: { loseAnswerTo: { path: '' } } })).rejects.toThrow(/loseAnswerTo/)
  })
})
