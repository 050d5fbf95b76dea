import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WeixinApiError, WeixinNetworkError, createWeixinClient } from '@mdwx/weixin'
import { afterEach, describe, expect, it } from 'vitest'
import { FAST_RETRY } from './helpers.js'
import { PNG } from './fixtures.js'

const KEY = 'relay-key-0123456789abcdef'

interface Seen {
  url: string
  headers: IncomingHttpHeaders
}

const servers: Array<{ close(): void }> = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

/** A stand-in relay: a real HTTP server that records what it is sent and answers from a script. */
async function relayAnswering(answers: Array<{ status: number; body: unknown }>): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    request.resume()
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('relay mode: the client holds no token', () => {
  it('sends the bearer key and the account, and never an access_token, not even an empty one', async () => {
    const relay = await relayAnswering([{ status: 200, body: { url: 'http://mmbiz.qpic.cn/x.png' } }, { status: 200, body: { media_id: 'm1' } }])
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, appId: 'wx0123456789abcdef', retry: FAST_RETRY })
    await client.uploadArticleImage({ data: PNG })
    await client.addMaterial({ type: 'image', data: PNG })
    await client.close()
    expect(relay.seen.map((request) => request.url)).toEqual(['/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material?type=image'])
    for (const request of relay.seen) {
      expect(request.headers['authorization']).toBe(`Bearer ${KEY}`)
      expect(request.headers['x-mdwx-account']).toBe('wx0123456789abcdef')
    }
    expect(client.stats().tokenRequests).toBe(0)
  })

  it('a refused token is retried within the budget: the relay has replaced it meanwhile', async () => {
    const relay = await relayAnswering([{ status: 200, body: { errcode: 40001, errmsg: 'invalid credential' } }, { status: 200, body: { image_count: 3 } }])
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: FAST_RETRY })
    await expect(client.getMaterialCount()).resolves.toMatchObject({ image: 3 })
    expect(client.stats().retries).toBe(1)
    await client.close()
  })

  it("the relay's refusals become WeixinNetworkError with its sentence and hint; 429 and 5xx are retried, 401 is not", async () => {
    const refusal = (error: string) => ({ mdwx_relay: { error, hint: 'Set MDWX_RELAY_KEY.' } })
    const relay = await relayAnswering([
      { status: 429, body: refusal('Too many requests') },
      { status: 401, body: refusal('The relay expects the header "Authorization: Bearer <key>"; the key given is not one of its keys.') },
    ])
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: FAST_RETRY })
    const error = (await client.getMaterialCount().catch((caught: unknown) => caught)) as WeixinNetworkError
    expect(error).toBeInstanceOf(WeixinNetworkError)
    expect(error.message).toBe('The relay refused material/get_materialcount (HTTP 401): The relay expects the header "Authorization: Bearer <key>"; the key given is not one of its keys.')
    expect(error.hint).toBe('Set MDWX_RELAY_KEY.')
    expect(error.attempts).toBe(2)
    expect(relay.seen).toHaveLength(2)
    await client.close()
  })

  it("a token request the relay made itself is reported as that endpoint's, with a hint about the relay host", async () => {
    const relay = await relayAnswering([{ status: 200, body: { errcode: 40125, errmsg: 'invalid appsecret rid: 1a2b3c4d-5e6f7a8b-9c0d1e2f', mdwx_relay: { endpoint: 'stable_token' } } }])
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: FAST_RETRY })
    const error = (await client.getMaterialCount().catch((caught: unknown) => caught)) as WeixinApiError
    expect(error).toBeInstanceOf(WeixinApiError)
    expect(error).toMatchObject({ errcode: 40125, endpoint: 'stable_token', rid: '1a2b3c4d-5e6f7a8b-9c0d1e2f', attempts: 1 })
    expect(error.hint).toContain('on the relay host')
    await client.close()
  })

  it('the key never appears in an error, even when the relay echoes it', async () => {
    const relay = await relayAnswering([{ status: 403, body: { mdwx_relay: { error: `no ${KEY} here` } } }])
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: FAST_RETRY })
    const error = (await client.getMaterialCount().catch((caught: unknown) => caught)) as WeixinNetworkError
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY)
    expect(error.message).toContain('no [redacted] here')
    await client.close()
  })
})
