import { DEMO_OPENID } from '@mdwx/emulator'
import { WeixinApiError, WeixinNetworkError } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { JPEG } from './fixtures.js'
import { failure, useEmulator } from './helpers.js'

const start = useEmulator()

async function withDraft(...options: Parameters<typeof start>) {
  const harness = await start(...options)
  const { mediaId: cover } = await harness.client.addMaterial({ type: 'image', data: JPEG })
  const { mediaId } = await harness.client.addDraft([{ title: '预览', content: '<p>正文</p>', thumbMediaId: cover }])
  return { ...harness, mediaId }
}

describe('sendPreview (message/mass/preview)', () => {
  it('sends towxname for { wxname } and touser for { openid }, with msgtype mpnews, and returns the msg_id', async () => {
    const { client, emulator, mediaId } = await withDraft()
    const sent = await client.sendPreview({ mediaId, to: { wxname: 'writer_01' } })
    await client.sendPreview({ mediaId, to: { openid: DEMO_OPENID } })
    expect(sent.msgId).toBe(String(emulator.state.previews[0]!.msgId))
    expect(emulator.state.previews.map((preview) => [preview.mediaId, preview.to])).toEqual([
      [mediaId, { wxname: 'writer_01' }],
      [mediaId, { openid: DEMO_OPENID }],
    ])
  })

  it.each([
    [{ faults: { unverified: true } }, { wxname: 'writer_01' }, 48001, '认证'],
    [{ previewQuota: 0 }, { wxname: 'writer_01' }, 45009, '100 a day'],
    [{ unknownWxnames: ['nobody_here'] }, { wxname: 'nobody_here' }, 40003, '微信号'],
  ] as const)('refusals carry the preview hint: %j → %i', async (options, to, errcode, hint) => {
    const { client, emulator, mediaId } = await withDraft(options)
    const error = await failure(client.sendPreview({ mediaId, to }))
    expect(error).toBeInstanceOf(WeixinApiError)
    expect(error['errcode']).toBe(errcode)
    expect(error['hint']).toContain(hint)
    // Never retried: the same refusal would come back.
    expect(emulator.state.count('message/mass/preview')).toBe(1)
  })

  it('40007 for a draft that is gone, with the preview hint', async () => {
    const { client, mediaId } = await withDraft()
    await client.deleteDraft(mediaId)
    const error = await failure(client.sendPreview({ mediaId, to: { wxname: 'writer_01' } }))
    expect(error['errcode']).toBe(40007)
    expect(error['hint']).toContain('草稿箱')
  })

  it('a lost answer is not sent again (it would reach the phone twice): mayHaveSucceeded', async () => {
    const { client, emulator, mediaId } = await withDraft({ faults: { loseAnswerTo: { path: 'message/mass/preview' } } })
    const error = await failure(client.sendPreview({ mediaId, to: { wxname: 'writer_01' } }))
    expect(error).toBeInstanceOf(WeixinNetworkError)
    expect(error['mayHaveSucceeded']).toBe(true)
    expect(error.message).toContain('may have sent the preview')
    expect(emulator.state.previews).toHaveLength(1)
    expect(emulator.state.count('message/mass/preview')).toBe(1)
  })

  it('checks its input before sending anything', async () => {
    const { client, emulator, mediaId } = await withDraft()
    // Both at once: what a caller without types could pass.
    await expect(client.sendPreview({ mediaId, to: { wxname: 'writer_01', openid: DEMO_OPENID } })).rejects.toThrow(/exactly one/)
    await expect(client.sendPreview({ mediaId, to: { wxname: 'two words' } })).rejects.toThrow(/to\.wxname/)
    await expect(client.sendPreview({ mediaId: '', to: { wxname: 'writer_01' } })).rejects.toThrow(/mediaId/)
    expect(emulator.state.count('message/mass/preview')).toBe(0)
  })
})
