import { DEMO_OPENID } from '@mdwx/emulator'
import { describe, expect, it } from 'vitest'
import { PNG, article, useRelay } from './helpers.js'

const start = useRelay()

describe('message/mass/preview through the relay', () => {
  it('forwards a preview of a draft to a 微信号 and to an openid, and the emulator sent both', async () => {
    const { emulator, client, log } = await start()
    const relayed = client()
    const { mediaId: cover } = await relayed.addMaterial({ type: 'image', data: PNG })
    const { mediaId } = await relayed.addDraft([article('To the phone', cover)])
    const byName = await relayed.sendPreview({ mediaId, to: { wxname: 'writer_2026' } })
    const byOpenid = await relayed.sendPreview({ mediaId, to: { openid: DEMO_OPENID } })
    expect(byName.msgId).toMatch(/^\d+$/)
    expect(byOpenid.msgId).not.toBe(byName.msgId)
    expect(emulator.state.previews.map((preview) => [preview.mediaId, preview.to])).toEqual([
      [mediaId, { wxname: 'writer_2026' }],
      [mediaId, { openid: DEMO_OPENID }],
    ])
    const endpoints = log.map((line) => (JSON.parse(line) as Record<string, unknown>)['endpoint'])
    expect(endpoints.filter((endpoint) => endpoint === 'message/mass/preview')).toHaveLength(2)
  })
})
