import { describe, expect, it } from 'vitest'
import { PNG } from './fixtures.js'
import { article, failure, useEmulator } from './helpers.js'

const start = useEmulator()

/** Resolves once the emulator has received a call to `path`. */
async function arrived(count: () => number): Promise<void> {
  while (count() === 0) await new Promise((resolve) => setTimeout(resolve, 2))
}

describe('signal', () => {
  it('an aborted signal stops a call before any request', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stopped by the user'))
    const { client, emulator } = await start({}, { signal: controller.signal })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error.message).toBe('stopped by the user')
    expect(emulator.state.calls).toHaveLength(0)
  })

  it('aborting cancels a request in flight', async () => {
    const controller = new AbortController()
    const { client, emulator } = await start({}, { signal: controller.signal })
    await client.getMaterialCount()
    emulator.setFaults({ latencyMs: 30_000 })
    const pending = failure(client.getMaterialCount())
    await arrived(() => emulator.state.count('material/get_materialcount') - 1)
    controller.abort(new Error('cancelled'))
    expect((await pending).message).toBe('cancelled')
    expect(emulator.state.count('material/get_materialcount')).toBe(2)
  })

  it('aborting cancels the wait before a retry', async () => {
    const controller = new AbortController()
    const { client, emulator } = await start(
      { faults: { scripted: [{ path: 'material/get_materialcount', errcode: 45011 }] } },
      { signal: controller.signal, retry: { rateLimitDelayMs: 60_000 } },
    )
    const pending = failure(client.getMaterialCount())
    await arrived(() => emulator.state.count('material/get_materialcount', 45011))
    controller.abort(new Error('no more waiting'))
    expect((await pending).message).toBe('no more waiting')
    expect(emulator.state.count('material/get_materialcount')).toBe(1)
  })

  it('waitForPublish takes its own signal', async () => {
    const { client } = await start({ publishDelayMs: 600_000 })
    const { mediaId } = await client.addDraft([await article(client)])
    const { publishId } = await client.submitPublish(mediaId)
    const controller = new AbortController()
    const pending = failure(client.waitForPublish(publishId, { intervalMs: 60_000, signal: controller.signal }))
    setTimeout(() => controller.abort(new Error('done waiting')), 20)
    expect((await pending).message).toBe('done waiting')
  })
})
