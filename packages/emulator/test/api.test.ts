import * as api from '@mdwx/emulator'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'
import { describe, expect, it } from 'vitest'
import { WeixinTestClient, emulator, session } from './helpers.js'

describe('the public API', () => {
  it('exports startEmulator and the demo credentials only', () => {
    expect(Object.keys(api).sort()).toEqual(['DEMO_APP_ID', 'DEMO_APP_SECRET', 'DEMO_OPENID', 'startEmulator'])
    expect(DEMO_APP_ID).toMatch(/^wx[0-9a-f]{16}$/)
    expect(DEMO_APP_SECRET).toMatch(/^[0-9a-f]{32}$/)
  })

  it('listens on 127.0.0.1 at a free port by default', async () => {
    const started = await emulator()
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('listens on the port it is given', async () => {
    const probe = await emulator()
    const port = Number(new URL(probe.url).port)
    await probe.close()
    const started = await emulator({ port })
    expect(started.url).toBe(`http://127.0.0.1:${port}`)
  })

  it.each([
    [{ port: -1 }, 'port'],
    [{ port: 70_000 }, 'port'],
    [{ appId: '' }, 'appId'],
    [{ appSecret: 42 }, 'appSecret'],
    [{ newsApi: 'sometimes' }, 'newsApi'],
    [{ imageBaseUrl: 'ftp://images.example' }, 'imageBaseUrl'],
    [{ tokenTtlSeconds: 0 }, 'tokenTtlSeconds'],
    [{ publishDelayMs: -5 }, 'publishDelayMs'],
    [{ now: 5 }, 'now'],
    [{ faults: { http5xxEvery: 0 } }, 'faults.http5xxEvery'],
  ])('refuses %j with an error naming %s', async (options, name) => {
    await expect(startEmulator(options as never)).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining(`for ${name}, got`) })
  })

  it('counts calls by path in either spelling, optionally by errcode', async () => {
    const { emulator: started, client, token } = await session()
    await client.get('draft/count', { access_token: token })
    await client.get('draft/count', {})
    expect(started.state.count('draft/count')).toBe(2)
    expect(started.state.count('/cgi-bin/draft/count')).toBe(2)
    expect(started.state.count('draft/count', 0)).toBe(1)
    expect(started.state.count('draft/count', 41001)).toBe(1)
    expect(started.state.count('token')).toBe(1)
  })

  it('answers HTTP 404 to an API it does not have', async () => {
    const { emulator: started, client, token } = await session()
    const answer = await client.request('POST', 'message/mass/sendall', { access_token: token }, '{}')
    expect(answer.status).toBe(404)
    expect(started.state.calls.at(-1)).toMatchObject({ path: '/cgi-bin/message/mass/sendall', status: 404, errcode: null })
  })

  it('answers HTTP 413 to a body over 32 MB', async () => {
    const { client, token } = await session()
    const answer = await client.request('POST', 'media/uploadimg', { access_token: token }, Buffer.alloc(33 * 1024 * 1024), { 'content-type': 'application/octet-stream' })
    expect(answer.status).toBe(413)
  })

  it('closes cleanly, twice, and frees its port', async () => {
    const started = await startEmulator()
    const client = new WeixinTestClient(started.url)
    await client.token()
    await started.close()
    await started.close()
    await expect(fetch(`${started.url}/`)).rejects.toThrow()
  })
})
